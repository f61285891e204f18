namespace Clientele.Customers;

/// <summary>The unit recency, T and the models' rates are measured in.</summary>
public enum TimeUnit
{
    /// <summary>Days.</summary>
    Day,
    /// <summary>Weeks of seven days (the CDNOW convention).</summary>
    Week,
}

/// <summary>Conversions for <see cref="TimeUnit"/>.</summary>
public static class TimeUnits
{
    /// <summary>How many days one unit holds.</summary>
    public static int Days(this TimeUnit unit) => unit == TimeUnit.Week ? 7 : 1;
}
