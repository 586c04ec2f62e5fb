using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace TrunkExporter.Configuration;

/// <summary>
/// What an options class looks like to the configuration: its settings, lists and sections. The
/// configuration binder drops a list element it cannot convert without a word, so every raw key is
/// checked against this shape before binding: a key the options do not have, a value that does not
/// convert, or a list entry that is not numbered 0, 1, 2, ... is reported with its key (and value).
/// </summary>
internal abstract record ConfigurationShape
{
    public static ConfigurationShape Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (ElementType(type) is { } element)
        {
            return new ListShape(Of(element));
        }

        if (IsValue(type))
        {
            return new ValueShape(type);
        }

        var settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetMethod is not null && property.GetIndexParameters().Length == 0
                && (property.SetMethod is { IsPublic: true } || !IsValue(property.PropertyType)))
            .ToDictionary(property => property.Name, property => Of(property.PropertyType), StringComparer.OrdinalIgnoreCase);
        return new SectionShape(settings);
    }

    /// <summary>Every problem of <paramref name="section"/> against <paramref name="shape"/>, in key order.</summary>
    public static IReadOnlyList<string> Problems(IConfigurationSection section, ConfigurationShape shape)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(shape);
        var problems = new List<string>();
        shape.Check(section, problems);
        return problems;
    }

    protected abstract void Check(IConfigurationSection section, List<string> problems);

    private static bool IsValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying == typeof(DateTimeOffset) || underlying == typeof(Uri);
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray ? type.GetElementType() : type.GetGenericArguments() is [var element] ? element : null;
    }

    /// <summary>A single setting: it must convert the way the binder converts it (invariant culture, type converters).</summary>
    internal sealed record ValueShape(Type Type) : ConfigurationShape
    {
        protected override void Check(IConfigurationSection section, List<string> problems)
        {
            if (section.GetChildren().Any())
            {
                problems.Add($"{section.Path} is a single setting, but {section.GetChildren().First().Path} is given under it.");
                return;
            }

            var value = section.Value;
            var underlying = Nullable.GetUnderlyingType(Type);
            if (value is null || Type == typeof(string) || (underlying is not null && value.Length == 0))
            {
                return;
            }

            var target = underlying ?? Type;
            if (!Converts(target, value))
            {
                problems.Add($"{section.Path} must be {Describe(target)} (got '{value}').");
            }
        }

        private static bool Converts(Type type, string value)
        {
            try
            {
                return value.Length > 0 && TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException)
            {
                return false;
            }
        }

        private static string Describe(Type type) =>
            type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(TimeSpan) ? "a duration such as 00:01:00 (hh:mm:ss, or d.hh:mm:ss)"
            : $"a {type.Name}";
    }

    /// <summary>A list: entries numbered 0, 1, 2, ... without gaps, or the binder would renumber or drop them.</summary>
    internal sealed record ListShape(ConfigurationShape Element) : ConfigurationShape
    {
        protected override void Check(IConfigurationSection section, List<string> problems)
        {
            if (!string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{section.Path} is a list: give its entries as {section.Path}:0, {section.Path}:1, ... (got the single value '{section.Value}').");
            }

            var expected = 0;
            foreach (var entry in section.GetChildren())
            {
                if (!int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index.ToString(CultureInfo.InvariantCulture) != entry.Key)
                {
                    problems.Add($"{entry.Path} is not a list entry: entries of {section.Path} are numbered 0, 1, 2, ...");
                    continue;
                }

                if (index != expected)
                {
                    problems.Add($"{entry.Path} follows entry {expected - 1}: number the entries of {section.Path} 0, 1, 2, ... without gaps.");
                }

                expected = index + 1;
                Element.Check(entry, problems);
            }
        }
    }

    /// <summary>An options class: only the settings it has, each checked by its own shape.</summary>
    internal sealed record SectionShape(IReadOnlyDictionary<string, ConfigurationShape> Settings) : ConfigurationShape
    {
        /// <summary>The same section with another options class bound under <paramref name="name"/> (e.g. GitHub).</summary>
        public SectionShape With(string name, ConfigurationShape shape) =>
            new(new Dictionary<string, ConfigurationShape>(Settings, StringComparer.OrdinalIgnoreCase) { [name] = shape });

        protected override void Check(IConfigurationSection section, List<string> problems)
        {
            if (!string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{section.Path} is a section ({string.Join(", ", Settings.Keys)}), not a single value (got '{section.Value}').");
            }

            foreach (var child in section.GetChildren())
            {
                if (Settings.TryGetValue(child.Key, out var shape))
                {
                    shape.Check(child, problems);
                }
                else
                {
                    var suggestion = ClosestName.Find(child.Key, Settings.Keys) is { } name
                        ? $"; did you mean {ConfigurationPath.Combine(section.Path, name)}?"
                        : $"; the settings here are {string.Join(", ", Settings.Keys)}.";
                    problems.Add($"{child.Path} is not a setting of the exporter{suggestion}");
                }
            }
        }
    }
}
