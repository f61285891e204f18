using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Clientele.Classification;

/// <summary>
/// Checks every value of <see cref="ClassificationOptions"/> against its allowed range (the <see cref="RangeAttribute"/> on
/// each option, declared once beside the option) and the rules between options (each group's <c>Validate</c>), and names
/// what is wrong by its key in the options file ("churn.activeFrom").
/// </summary>
public static class OptionsCheck
{
    /// <summary>Every option group of the file: its key and its property.</summary>
    public static IEnumerable<(string Key, PropertyInfo Property)> Groups() =>
        typeof(ClassificationOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetMethod!.IsPublic && !p.GetMethod.IsStatic)
            .Select(p => (Key(p.Name), p));

    /// <summary>The options of a group that hold one value each (numbers, words, flags, lists), with their file keys.</summary>
    public static IEnumerable<(string Key, PropertyInfo Property)> Options(Type group) =>
        group.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.SetMethod is not null && p.GetIndexParameters().Length == 0)
            .Select(p => (Key(p.Name), p));

    /// <summary>The option's key in the options file: camelCase, as the file spells it.</summary>
    public static string Key(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    /// <summary>The allowed range of an option as words ("0 to 1"), or null when it has no numeric range.</summary>
    public static string? RangeText(PropertyInfo option) => option.GetCustomAttribute<RangeAttribute>() is { } range
        ? $"{Number(range.Minimum)} to {Number(range.Maximum)}"
        : null;

    /// <summary>Throws naming the first option out of its range, or the first rule between options that is broken.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><c>ParamName</c> is the option's key ("valueClass.mgcShare"); the message says the allowed range.</exception>
    public static void Validate(ClassificationOptions options)
    {
        foreach (var (groupKey, groupProperty) in Groups())
        {
            var group = groupProperty.GetValue(options);
            if (group is null) throw new ArgumentOutOfRangeException(groupKey, $"{groupKey} must be an object of options, not null.");
            foreach (var (key, option) in Options(group.GetType()))
            {
                if (option.GetCustomAttribute<RangeAttribute>() is not { } range) continue;
                var value = option.GetValue(group);
                if (value is null) continue;
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
                var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
                if (!(number >= min && number <= max))
                    throw new ArgumentOutOfRangeException($"{groupKey}.{key}", value,
                        $"{groupKey}.{key} is {Number(value)}; allowed: {RangeText(option)}.");
            }
            var validate = group.GetType().GetMethod("Validate", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
            if (validate is null) continue;
            try
            {
                validate.Invoke(group, null);
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
            {
                var name = inner is ArgumentException { ParamName: { Length: > 0 } p } ? $"{groupKey}.{Key(p)}" : groupKey;
                var message = inner.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0];
                throw new ArgumentOutOfRangeException(name, $"{name}: {message}");
            }
        }
    }

    private static string Number(object value) => value switch
    {
        double d => d.ToString("0.########", CultureInfo.InvariantCulture),
        float f => f.ToString("0.########", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
