using static Clientele.Tables.CanonicalColumn;
using static Clientele.Tables.ColumnType;

namespace Clientele.Tables;

/// <summary>
/// The canonical tables of a workspace (docs/schema.md). File columns are mapped onto these
/// names; the workspace schema, the importer and the simulator all read this one catalogue.
/// </summary>
public static class CanonicalTables
{
    /// <summary>The interaction kind of a thank for a referral or other help (docs/referrals.md).</summary>
    public const string ReferralThanksKind = "referral_thanks";

    /// <summary>The interaction kind of asking a customer for a referral (docs/referrals.md).</summary>
    public const string ReferralAskKind = "referral_ask";

    /// <summary>The interaction kinds the summary counts one by one; any other kind counts as "other".</summary>
    public static readonly IReadOnlyList<string> InteractionKinds =
    [
        "inquiry", "visit", "trial", "quote", "opportunity", "complaint", "suggestion",
        "review", "survey", "support", ReferralThanksKind, ReferralAskKind,
    ];

    /// <summary>The six buying roles of DOMAIN.md section 3.</summary>
    public static readonly IReadOnlyList<string> BuyingRoles =
        ["payer", "user", "beneficiary", "decider", "promoter", "stimulator"];

    /// <summary>Parties: persons and organizations, actual or potential customers.</summary>
    public static readonly CanonicalTable Customers = new(
        "customers", "one row per party: a person or an organization",
        [
            Must("customer_id", Text, "your id of the customer"),
            May("name", Text, "display name"),
            May("kind", Choice, "person or organization", "person", "organization"),
            May("industry", Text, "industry (organizations)"),
            May("domain", Text, "domain within the industry: finer than industry"),
            May("population_group", Text, "population group (persons, mass retail)"),
            May("region", Text, "region"),
            May("country", Text, "country"),
            May("acquired_at", Timestamp, "when the party became known"),
            May("channel", Text, "acquisition channel"),
            May("referred_by", Text, "customer_id of the referrer"),
            May("is_prominent", ColumnType.Boolean, "a prominent party whose purchases draw others"),
            May("wallet_estimate", Number, "the party's total spend in our category, per year"),
            May("parent_id", Text, "customer_id of the parent account (a subsidiary's parent company)"),
            May("attributes", Json, "other columns of the file, kept as JSON"),
        ],
        RowIdentity.Upsert, ["customer_id"], ["parent_id", "referred_by"]);

    /// <summary>The transaction log.</summary>
    public static readonly CanonicalTable Orders = new(
        "orders", "one row per order or order line",
        [
            May("order_id", Text, "your id of the order; re-imported ids are skipped"),
            Must("customer_id", Text, "who bought"),
            Must("ordered_at", Timestamp, "when"),
            Must("amount", Number, "revenue of the order"),
            May("margin", Number, "gross margin of the order"),
            May("quantity", Number, "units"),
            May("product_id", Text, "product"),
            May("product_line", Text, "product line (empty: the line of product_id in products)"),
            May("status", Choice, "completed (default), returned or cancelled", "completed", "returned", "cancelled") with { Fallback = "completed" },
            May("channel", Text, "sales channel"),
            May("period_start", Timestamp, "for an order that totals a period's purchases: the period's first day; ordered_at is its last day") with { AddedInSchema = 5 },
        ],
        RowIdentity.Content, ["order_id"], ["customer_id"]);

    /// <summary>Contacts with a customer: service, sales, surveys, reviews, complaints.</summary>
    public static readonly CanonicalTable Interactions = new(
        "interactions", "one row per contact between us and a party",
        [
            May("interaction_id", Text, "your id of the interaction; re-imported ids are skipped"),
            Must("customer_id", Text, "who"),
            Must("occurred_at", Timestamp, "when"),
            Must("kind", Text, string.Join(", ", InteractionKinds) + ", or your own word"),
            May("score", Number, "survey or review score"),
            May("scale_max", Number, "the top of the score's scale: 10 for NPS (default), 5 for a 1-5 rating"),
            May("sentiment", Choice, "positive, neutral or negative", "positive", "neutral", "negative"),
            May("cost", Number, "what the interaction cost us (cost to serve)"),
            May("tag", Text, "a reason or concern tag (complaint reason, deal stage, ...)"),
            May("product_line", Text, "the product line it was about"),
            May("text", Text, "free text"),
            May("product_id", Text, "the product it was about (its line comes from products when product_line is empty)") with { AddedInSchema = 5 },
        ],
        RowIdentity.Content, ["interaction_id"], ["customer_id"]);

    /// <summary>Who brought whom.</summary>
    public static readonly CanonicalTable Referrals = new(
        "referrals", "one row per referral: the referrer brought the referred party",
        [
            Must("referrer_id", Text, "customer_id of the referrer"),
            Must("referred_id", Text, "customer_id of the referred party"),
            May("occurred_at", Timestamp, "when"),
        ],
        RowIdentity.Distinct, ["referrer_id", "referred_id"], ["referrer_id", "referred_id"]);

    /// <summary>People at organizations.</summary>
    public static readonly CanonicalTable Contacts = new(
        "contacts", "one row per person at a customer organization",
        [
            Must("contact_id", Text, "your id of the contact"),
            Must("customer_id", Text, "the organization"),
            May("name", Text, "name"),
            May("title", Text, "job title"),
        ],
        RowIdentity.Upsert, ["contact_id"], ["customer_id"]);

    /// <summary>The roles contacts play in purchases (several per person, weighted).</summary>
    public static readonly CanonicalTable BuyingRoleTable = new(
        "buying_roles", "one row per role a contact plays",
        [
            Must("contact_id", Text, "the contact"),
            Must("role", Choice, "payer, user, beneficiary, decider, promoter or stimulator", [.. BuyingRoles]),
            May("weight", Number, "how strongly the contact holds the role, 0-1 (default 1)") with { Fallback = "1" },
            May("deal_id", Text, "the deal or order the role applies to; empty for the account in general"),
        ],
        RowIdentity.Upsert, ["contact_id", "role", "deal_id"], []);

    /// <summary>Who sells our goods on to whom.</summary>
    public static readonly CanonicalTable SupplyLinks = new(
        "supply_links", "one row per link of the supply chain below us",
        [
            Must("seller_id", Text, "customer_id of the party that sells on"),
            Must("buyer_id", Text, "customer_id of the party it sells to"),
        ],
        RowIdentity.Distinct, ["seller_id", "buyer_id"], ["seller_id", "buyer_id"]);

    /// <summary>The product catalogue.</summary>
    public static readonly CanonicalTable Products = new(
        "products", "one row per product",
        [
            Must("product_id", Text, "your id of the product"),
            May("name", Text, "name"),
            May("product_line", Text, "product line"),
            May("launched_at", Timestamp, "launch date"),
            May("price", Number, "list price"),
        ],
        RowIdentity.Upsert, ["product_id"], []);

    /// <summary>Target groups for the structure map.</summary>
    public static readonly CanonicalTable Targets = new(
        "targets", "one row per target group of the structure map",
        [
            Must("segment_path", Text, "the segment, as industry/domain or population group, separated by '/'"),
            May("planned_customers", Number, "planned number of customers"),
            May("planned_value", Number, "planned value"),
            May("due_at", Timestamp, "when the target should be reached"),
        ],
        RowIdentity.Upsert, ["segment_path"], []);

    /// <summary>Manual classifications that win over computed ones.</summary>
    public static readonly CanonicalTable Overrides = new(
        "overrides", "one row per manual classification",
        [
            Must("customer_id", Text, "the customer"),
            Must("dimension", Text, "the classification dimension, e.g. value_class"),
            Must("class", Text, "the class to use"),
            Must("reason", Text, "why"),
            May("set_by", Text, "who decided"),
            May("set_at", Timestamp, "when"),
        ],
        RowIdentity.Upsert, ["customer_id", "dimension"], []);

    /// <summary>What the simulator planted about each customer (for tests of the classifications).</summary>
    public static readonly CanonicalTable TruthCustomers = new(
        "truth_customers", "the seeded simulator's ground truth per customer",
        [
            Must("customer_id", Text, "the customer"),
            May("ladder", Text, "no-relationship, prospect, buyer, customer, supporter or advocate, as planted"),
            May("is_active", ColumnType.Boolean, "still buying at the end of the simulation"),
            May("dropped_out_at", Timestamp, "when the customer stopped buying"),
            May("lost_reason", Text, "why a lost customer left"),
            May("is_advocate", ColumnType.Boolean, "recommends us"),
            May("spreader", Text, "positive or negative information spreader"),
            May("is_leader", ColumnType.Boolean, "an early adopter others follow"),
            May("is_caller", ColumnType.Boolean, "a prominent party whose purchases draw others"),
            May("supply_position", Text, "direct, indirect or ultimate"),
            May("prospect_outcome", Text, "won or lost, for prospects"),
            May("purchase_rate", Number, "planted purchases per week while alive"),
            May("dropout_rate", Number, "planted dropout hazard per week"),
            May("mean_spend", Number, "planted mean spend per order"),
        ],
        RowIdentity.Upsert, ["customer_id"], [], Internal: true);

    /// <summary>What the simulator planted about each contact's buying roles.</summary>
    public static readonly CanonicalTable TruthContacts = new(
        "truth_contacts", "the seeded simulator's ground truth per contact and role",
        [
            Must("contact_id", Text, "the contact"),
            Must("role", Text, "the role planted"),
            May("weight", Number, "its weight"),
        ],
        RowIdentity.Upsert, ["contact_id", "role"], [], Internal: true);

    /// <summary>Every table, in the order a complete import should follow.</summary>
    public static readonly IReadOnlyList<CanonicalTable> All =
    [
        Customers, Products, Contacts, BuyingRoleTable, SupplyLinks, Orders, Interactions,
        Referrals, Targets, Overrides, TruthCustomers, TruthContacts,
    ];

    /// <summary>The tables <c>clientele import</c> accepts.</summary>
    public static IEnumerable<CanonicalTable> Importable => All.Where(t => !t.Internal);

    /// <summary>The table with this name (case-insensitive), or null.</summary>
    public static CanonicalTable? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
