using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="ProductLines"/>, with their defaults (documented in docs/classification.md): who is a
/// customer of a line, and who is a prospect for it.
/// </summary>
public sealed record ProductLinesOptions
{
    /// <summary>Customer of a line from this many completed orders of it. Default 1: one purchase makes an actual customer (DOMAIN.md: actual customers have transacted).</summary>
    [Range(1, 1000)]
    public int CustomerFromOrders { get; init; } = 1;

    /// <summary>Prospect for a line from this many interactions about it (inquiry, quote, trial, ...). Default 1: anyone who asked is a prospect.</summary>
    [Range(1, 1000)]
    public int ProspectFromInterest { get; init; } = 1;

    /// <summary>
    /// Whether an actual customer of other lines is a prospect for every line it has not bought, without having asked
    /// about it. Default true: DOMAIN.md (article 003) makes a customer of one line a prospect for every other line.
    /// </summary>
    public bool CustomersOfOtherLinesAreProspects { get; init; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        if (CustomerFromOrders < 1) throw new ArgumentOutOfRangeException(nameof(CustomerFromOrders), CustomerFromOrders, "CustomerFromOrders must be at least 1.");
        if (ProspectFromInterest < 1) throw new ArgumentOutOfRangeException(nameof(ProspectFromInterest), ProspectFromInterest, "ProspectFromInterest must be at least 1.");
    }
}
