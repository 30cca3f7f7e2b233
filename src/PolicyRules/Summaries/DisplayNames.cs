using System.Globalization;

namespace PolicyRules.Summaries;

/// <summary>How a reader sees the project's names: services, document types, and the disclaimer every report carries.</summary>
public static class DisplayNames
{
    /// <summary>The disclaimer every report carries, in the project's own words.</summary>
    public const string Disclaimer =
        "This summary describes what the document states, permits or reserves, as found by automated rules. " +
        "It is not legal advice and not a determination of whether any term is enforceable; check the quoted text.";

    /// <summary>"anthropic-claude" → "Anthropic Claude"; an empty slug stays empty.</summary>
    public static string ServiceName(string slug) =>
        string.Join(' ', slug.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => BrandSpelling.TryGetValue(w, out var b) ? b : Capitalize(w)));

    // Words of service slugs that are not spelt with one capital.
    private static readonly Dictionary<string, string> BrandSpelling = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ai"] = "AI", ["api"] = "API", ["openai"] = "OpenAI", ["chatgpt"] = "ChatGPT", ["xai"] = "xAI", ["github"] = "GitHub",
        ["linkedin"] = "LinkedIn", ["deepseek"] = "DeepSeek", ["openrouter"] = "OpenRouter", ["civitai"] = "Civitai",
    };

    /// <summary>"privacy-policy" → "privacy policy"; "terms-of-service-eu" → "terms of service (EU)".</summary>
    public static string DocTypeName(string slug)
    {
        if (slug.Length == 0) return "document";
        var eu = slug.EndsWith("-eu", StringComparison.Ordinal);
        var name = (eu ? slug[..^3] : slug).Replace('-', ' ');
        return eu ? name + " (EU)" : name;
    }

    private static string Capitalize(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];
}
