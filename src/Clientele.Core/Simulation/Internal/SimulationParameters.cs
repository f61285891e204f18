namespace Clientele.Simulation.Internal;

/// <summary>
/// The simulator's planted parameters, in one place so docs/simulator.md can quote them. Rates are
/// per week, amounts in the company's currency, shares are fractions of the group named.
/// </summary>
internal static class SimulationParameters
{
    // Parties (shares of all parties; the rest are buyers).
    public const double DistributorShare = 0.001; // at least 3
    public const double RetailerShare = 0.02;
    public const double ConsumerShare = 0.03;
    public const double ProspectShare = 0.10;
    public const double NoRelationshipShare = 0.04;

    /// <summary>Share of organizations among buyers, prospects and parties with no relationship (about 30% overall).</summary>
    public const double OrganizationShare = 0.29;
    public const double AdvocateShare = 0.05;
    public const double SupporterShare = 0.15;
    public const double ProminentShare = 0.003; // of buyers; at least 3
    public const double CallerShare = 0.8; // of prominent buyers
    public const double HighMaintenanceShare = 0.07;
    public const double RetailerBuysDirectShare = 0.10;
    public const double GroupParentShare = 0.03; // of organizations
    public const double SubsidiaryShare = 0.08; // of organizations
    public const double ReferredShare = 0.14; // of buyers
    public const double PersonWalletShare = 0.30;

    // Pareto/NBD purchase and dropout: lambda ~ Gamma(R, rate Alpha), mu ~ Gamma(S, rate Beta), per week.
    public const double R = 1.1;
    public const double Alpha = 3.0;
    public const double S = 0.85;
    public const double Beta = 60.0;
    public const double OrganizationRate = 1.15;
    public const double SupporterRate = 1.25;
    public const double SupporterDropout = 0.35;
    public const double AdvocateRate = 1.4;
    public const double AdvocateDropout = 0.25;
    public const double DistributorRate = 8.0;
    public const double DistributorDropout = 0.15;
    public const double RetailerRate = 0.4;

    // Gamma-Gamma spend: nu ~ Gamma(Q, rate Gamma), order amount ~ Gamma(P, rate nu); mean spend P/nu.
    public const double P = 6.0;
    public const double Q = 4.0;
    public const double Gamma = 35.0; // persons: mean of the mean spend = P·Gamma/(Q−1) = 70
    public const double OrganizationSpend = 14.0;
    public const double DistributorSpend = 60.0;

    // Orders.
    public const double CancelledShare = 0.01;
    public const double ReturnedShare = 0.03;
    public const double ReturnedBeforeLeaving = 0.35; // added for quality and delivery leavers in their last LostSignalWeeks
    public const double PromotionShare = 0.015; // negative-margin orders
    public const double LineMarginSd = 0.06; // customer offset to the line's margin rate
    public const double OrderMarginSd = 0.04;

    // Interactions.
    public const double SupportBase = 0.01; // per week
    public const double SupportPerOrder = 0.05; // per order (times lambda per week)
    public const double HighMaintenanceSupportPerOrder = 1.0;
    public const double ComplaintBase = 0.002; // per week
    public const double ComplaintPerOrder = 0.01;
    public const double LostComplaintShare = 0.9; // leavers with a known reason who complain first
    public const double LostLowScoreShare = 0.5;
    public const int LostSignalWeeks = 7;
    public const int SurveyEveryDays = 182;
    public const double NegativeSpreaderShare = 0.2; // of leavers over quality, service, delivery or no follow-up
    public const double CrossSellPerWeek = 0.004;
    public const double ReferralThanksShare = 0.4;

    public static readonly double[] LostReasonWeights =
        SimulationRandom.Cumulative([0, 0.20, 0.15, 0.14, 0.10, 0.14, 0.08, 0.07, 0.12]);
}
