using Clientele.Tables;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Writes an organization's contacts (2-6 people) and the buying roles they hold (DOMAIN.md section
/// 3). Each contact has a kind of job, a title consistent with it, and the roles that job holds:
/// decider titles (director, CEO) decide; finance pays; purchasing pays and promotes; department
/// heads promote and benefit; engineers, doctors and chefs use and benefit; quality and compliance
/// officers stimulate. truth_contacts gets every planted role; buying_roles gets each with the
/// organization's CRM completeness (Beta(3, 2), mean 60%), so some accounts have no decider known
/// and some roles must be inferred from titles.
/// </summary>
internal static class BuyingCenter
{
    private const int Payer = 0;
    private const int User = 1;
    private const int Beneficiary = 2;
    private const int Decider = 3;
    private const int Promoter = 4;
    private const int Stimulator = 5;

    private const int DeciderJob = 0;
    private const int PayerJob = 1;
    private const int UserJob = 2;
    private const int HeadJob = 3;
    private const int PurchasingJob = 4;
    private const int StimulatorJob = 5;
    private const int OperationsJob = 6;

    private static readonly string[] PayerTitles = ["CFO", "Finance Manager", "Head of Finance", "Accountant", "Controller"];
    private static readonly string[] PurchasingTitles = ["Purchasing Manager", "Procurement Officer"];
    private static readonly string[] StimulatorTitles = ["Quality Manager", "Compliance Officer", "Sustainability Officer", "Health & Safety Officer"];
    private static readonly string[] OperationsTitles = ["Operations Manager", "Facilities Manager"];

    /// <summary>Jobs after the decider and the payer: user 0.40, head 0.25, purchasing 0.12, stimulator 0.10, operations 0.13.</summary>
    private static readonly double[] OtherJobs = SimulationRandom.Cumulative([0, 0, 0.40, 0.25, 0.12, 0.10, 0.13]);

    private static readonly RoleTemplate[][] Templates =
    [
        [new(Decider, 1, 0.7, 1.0), new(Beneficiary, 0.5, 0.3, 0.6), new(Payer, 0.2, 0.2, 0.5)],
        [new(Payer, 1, 0.7, 1.0), new(Decider, 0.25, 0.2, 0.4)],
        [new(User, 1, 0.6, 1.0), new(Beneficiary, 0.8, 0.4, 0.9)],
        [new(Promoter, 1, 0.6, 1.0), new(Beneficiary, 0.7, 0.4, 0.8), new(Decider, 0.25, 0.2, 0.5), new(User, 0.3, 0.3, 0.6)],
        [new(Promoter, 1, 0.4, 0.8), new(Payer, 0.7, 0.3, 0.6)],
        [new(Stimulator, 1, 0.5, 1.0), new(Beneficiary, 0.4, 0.2, 0.5)],
        [new(User, 1, 0.4, 0.7), new(Promoter, 0.6, 0.3, 0.6), new(Beneficiary, 0.5, 0.3, 0.6)],
    ];

    public static void Write(CompanyPlan plan, int i, CsvBuffer contacts, CsvBuffer roles, CsvBuffer truth)
    {
        var count = plan.ContactCount[i];
        if (count == 0)
        {
            return;
        }

        var random = new SimulationRandom(plan.Seed, RandomStream.Contacts, i);
        var completeness = random.Beta(3, 2);
        var industry = Markets.IndustryOf(plan.Segment[i]);
        Span<int> jobs = stackalloc int[count];
        var n = 0;
        if (random.Chance(0.8))
        {
            jobs[n++] = DeciderJob;
        }

        if (n < count && random.Chance(0.7))
        {
            jobs[n++] = PayerJob;
        }

        while (n < count)
        {
            var job = random.Pick(OtherJobs);
            jobs[n++] = job is PurchasingJob or StimulatorJob && jobs[..n].Contains(job) ? UserJob : job;
        }

        for (var k = 0; k < count; k++)
        {
            var contact = plan.FirstContact[i] + k;
            var title = jobs[k] switch
            {
                DeciderJob => random.Of(industry.DeciderTitles),
                PayerJob => random.Of(PayerTitles),
                UserJob => random.Of(industry.UserTitles),
                HeadJob => random.Of(industry.HeadTitles),
                PurchasingJob => random.Of(PurchasingTitles),
                StimulatorJob => random.Of(StimulatorTitles),
                _ => random.Of(OperationsTitles),
            };
            contacts.Id('K', contact, 7);
            contacts.Id('C', i + 1, 7);
            contacts.Text(Names.Person(ref random));
            contacts.Text(title);
            contacts.EndRow();

            foreach (var template in Templates[jobs[k]])
            {
                if (!random.Chance(template.Probability))
                {
                    continue;
                }

                var weight = Math.Round(random.Uniform(template.Low, template.High), 2);
                var role = CanonicalTables.BuyingRoles[template.Role];
                Row(truth, contact, role, weight);
                if (random.Chance(completeness))
                {
                    Row(roles, contact, role, weight);
                }
            }
        }
    }

    private static void Row(CsvBuffer buffer, long contact, string role, double weight)
    {
        buffer.Id('K', contact, 7);
        buffer.Ascii(role);
        buffer.Fixed(weight, 2);
        buffer.EndRow();
    }
}
