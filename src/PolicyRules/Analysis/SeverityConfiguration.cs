using System.Text.RegularExpressions;
using PolicyRules.Diagnostics;
using PolicyRules.Matching;

namespace PolicyRules.Analysis;

/// <summary>
/// Severity settings in an <c>.editorconfig</c>-style file named <c>.policyrules</c>, found next to
/// the documents (and in their parent folders, nearest winning, up to one with <c>root = true</c>)
/// or given with <c>--config</c>:
/// <code>
/// root = true
/// [*]
/// category.retention.severity = warning
/// rule.TRN001.severity = none
/// [openai-chatgpt/**]
/// rule.RET001.severity = error
/// </code>
/// A rule id setting beats a category setting; later lines beat earlier ones; <c>none</c> suppresses.
/// </summary>
public sealed class SeverityConfiguration
{
    /// <summary>The name of configuration files discovered beside documents.</summary>
    public const string FileName = ".policyrules";

    /// <summary>PR3001: a configuration line that could not be read (it is ignored).</summary>
    public static readonly DiagnosticDescriptor InvalidLine = new(
        "PR3001", "Invalid configuration line", "{0}", "Configuration", Severity.Warning);

    private sealed record Setting(string Directory, Regex? Glob, bool IsRule, string Key, Severity Severity, int Order);

    private readonly List<Setting> _settings = new();
    private readonly Dictionary<string, List<Setting>> _byDirectory = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loadedDirectories = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly bool _discover;
    private int _order;

    private SeverityConfiguration(bool discover) => _discover = discover;

    /// <summary>Problems met reading configuration lines so far (a copy: documents are analysed in parallel,
    /// and the list is written and read under the same lock).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get { lock (_byDirectory) return _diagnostics.ToArray(); }
    }

    /// <summary>Settings discovered next to each document.</summary>
    public static SeverityConfiguration Discover() => new(discover: true);

    /// <summary>Only the given file (no discovery).</summary>
    public static SeverityConfiguration FromFile(string path)
    {
        var config = new SeverityConfiguration(discover: false);
        if (!File.Exists(path)) throw new FileNotFoundException($"configuration file '{path}' does not exist", path);
        config.Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "", config._settings);
        return config;
    }

    /// <summary>Settings from text (no discovery); globs are relative to <paramref name="directory"/>. An empty text configures nothing.</summary>
    public static SeverityConfiguration FromText(string text, string directory = "")
    {
        var config = new SeverityConfiguration(discover: false);
        config.Parse(text, "<config>", directory, config._settings);
        return config;
    }

    /// <summary>The severity a finding has in a document: its rule's default unless configured.</summary>
    public Severity SeverityFor(Finding finding, string documentPath)
    {
        var full = Path.GetFullPath(documentPath);
        var settings = _discover ? SettingsFor(Path.GetDirectoryName(full) ?? "") : _settings;
        Setting? byRule = null, byCategory = null;
        foreach (var s in settings)
        {
            if (!Applies(s, full)) continue;
            if (s.IsRule && string.Equals(s.Key, finding.RuleId, StringComparison.OrdinalIgnoreCase)) byRule = s;
            else if (!s.IsRule && string.Equals(s.Key, finding.Category, StringComparison.OrdinalIgnoreCase)) byCategory = s;
        }
        return byRule?.Severity ?? byCategory?.Severity ?? finding.Rule.Severity;
    }

    private static bool Applies(Setting s, string fullPath)
    {
        if (s.Glob is null) return true;
        var relative = Path.GetRelativePath(s.Directory, fullPath).Replace('\\', '/');
        return s.Glob.IsMatch(relative) || s.Glob.IsMatch(Path.GetFileName(fullPath));
    }

    /// <summary>Settings from the directory and its parents, farthest first so the nearest win.</summary>
    private List<Setting> SettingsFor(string directory)
    {
        lock (_byDirectory)
        {
            if (_byDirectory.TryGetValue(directory, out var cached)) return cached;
            var chain = new List<List<Setting>>();
            for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                var file = Path.Combine(dir, FileName);
                if (!File.Exists(file)) continue;
                var local = new List<Setting>();
                string text;
                try { text = File.ReadAllText(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    if (_loadedDirectories.Add(dir)) _diagnostics.Add(new Diagnostic(InvalidLine, Location.None(file), e.Message));
                    continue;
                }
                var isRoot = Parse(text, file, dir, local, report: _loadedDirectories.Add(dir));
                chain.Add(local);
                if (isRoot) break;
            }
            chain.Reverse();
            var result = chain.SelectMany(x => x).ToList();
            _byDirectory[directory] = result;
            return result;
        }
    }

    private bool Parse(string text, string file, string directory, List<Setting> into, bool report = true)
    {
        var source = new Text.SourceText(text, file);
        Regex? glob = null;
        var isRoot = false;
        for (var line = 1; line <= source.LineCount; line++)
        {
            var span = source.GetLineSpan(line);
            var raw = source.ToString(span).Trim();
            if (raw.Length == 0 || raw[0] is '#' or ';') continue;
            void Warn(string message)
            {
                if (report) _diagnostics.Add(new Diagnostic(InvalidLine, Location.In(source, span), message));
            }
            if (raw.StartsWith('[') && raw.EndsWith(']'))
            {
                var pattern = raw[1..^1].Trim();
                glob = pattern is "*" or "**" or "**/*" ? null : GlobToRegex(pattern);
                continue;
            }
            var eq = raw.IndexOf('=');
            if (eq < 0) { Warn($"expected 'key = value', found '{raw}'"); continue; }
            var key = raw[..eq].Trim().ToLowerInvariant();
            var value = raw[(eq + 1)..].Trim();
            if (key == "root") { isRoot = value.Equals("true", StringComparison.OrdinalIgnoreCase); continue; }
            var parts = raw[..eq].Trim().Split('.');
            if (parts.Length != 3 || !parts[2].Equals("severity", StringComparison.OrdinalIgnoreCase)
                || !(parts[0].Equals("rule", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("category", StringComparison.OrdinalIgnoreCase)))
            {
                Warn($"unknown setting '{raw[..eq].Trim()}': use rule.ID.severity or category.NAME.severity");
                continue;
            }
            if (!SeverityNames.TryParse(value, out var severity))
            {
                Warn($"'{value}' is not a severity: use none, info, notice, warning or error");
                continue;
            }
            into.Add(new Setting(directory, glob, parts[0].Equals("rule", StringComparison.OrdinalIgnoreCase), parts[1], severity, _order++));
        }
        return isRoot;
    }

    /// <summary>editorconfig globs: <c>*</c> within a folder, <c>**</c> across folders, <c>?</c>, <c>{a,b}</c>.</summary>
    private static Regex GlobToRegex(string glob)
    {
        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*') { sb.Append(".*"); i++; }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else if (c == '{') sb.Append('(');
            else if (c == '}') sb.Append(')');
            else if (c == ',' && glob[..i].Contains('{')) sb.Append('|');
            else sb.Append(Regex.Escape(c.ToString()));
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}
