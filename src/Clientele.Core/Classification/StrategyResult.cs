namespace Clientele.Classification;

/// <summary>The strategy matrix's classes and the share of wallet behind them, as columns aligned with <see cref="CustomerColumns"/>.</summary>
/// <param name="Result">keep, maintain-or-acquire, develop or acquire-or-abandon for actual customers; null for others.</param>
/// <param name="ShareOfWallet">Our share (0 up; an estimated wallet can make it exceed 1) of the customer's yearly spend in our category: revenue of the last year (annualised for customers of less than a year) over the wallet; NaN where no wallet is known or estimated.</param>
/// <param name="ShareEstimated">Whether the wallet behind <paramref name="ShareOfWallet"/> is estimated from comparable customers.</param>
public sealed record StrategyResult(DimensionResult Result, double[] ShareOfWallet, bool[] ShareEstimated);
