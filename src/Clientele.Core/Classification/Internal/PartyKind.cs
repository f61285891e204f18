namespace Clientele.Classification.Internal;

/// <summary>Whether a party is an organization or a person, from the kind column or, where it is empty, from the segment columns.</summary>
internal static class PartyKind
{
    /// <summary>
    /// True for kind "organization", and for an unknown kind with an industry or a domain (only organizations carry
    /// them).
    /// </summary>
    public static bool IsOrganization(CustomerColumns columns, int i) =>
        columns.Kind[i] is { } kind
            ? kind.Trim().Equals("organization", StringComparison.OrdinalIgnoreCase)
            : columns.Industry[i] is not null || columns.Domain[i] is not null;

    /// <summary>
    /// True for kind "person", and for an unknown kind with a population group and no industry or domain.
    /// </summary>
    public static bool IsPerson(CustomerColumns columns, int i) =>
        columns.Kind[i] is { } kind
            ? kind.Trim().Equals("person", StringComparison.OrdinalIgnoreCase)
            : columns.PopulationGroup[i] is not null && columns.Industry[i] is null && columns.Domain[i] is null;
}
