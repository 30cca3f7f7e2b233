using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Binding;

/// <summary>
/// The rule files of one run: the built-in pack (embedded in the library) and any folders or files
/// the user adds. Template files are read on demand, relative to the rule file that names them.
/// </summary>
public sealed class RuleSources
{
    /// <summary>The path prefix under which built-in pack files are reported.</summary>
    public const string BuiltInPrefix = "<builtin>/";

    private readonly List<SourceText> _ruleFiles = new();
    private readonly Dictionary<string, SourceText> _embedded = new(StringComparer.Ordinal);

    /// <summary>The rule files gathered so far, in the order they were added.</summary>
    public IReadOnlyList<SourceText> RuleFiles => _ruleFiles;

    /// <summary>Problems met while gathering files (unreadable files); compile errors come later.</summary>
    public List<Diagnostic> Diagnostics { get; } = new();

    /// <summary>Adds the standard pack embedded in the library.</summary>
    public RuleSources AddBuiltIn()
    {
        var assembly = typeof(RuleSources).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var source = new SourceText(reader.ReadToEnd(), BuiltInPrefix + name["rules/".Length..]);
            if (name.EndsWith(".rules", StringComparison.Ordinal)) _ruleFiles.Add(source);
            else _embedded[source.Path] = source;
        }
        return this;
    }

    /// <summary>Adds a .rules file, or every .rules file below a folder (in ordinal path order).</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public RuleSources AddPath(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*.rules", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                AddFile(file);
            return this;
        }
        if (File.Exists(path))
        {
            AddFile(path);
            return this;
        }
        throw new FileNotFoundException($"rules path '{path}' does not exist", path);
    }

    /// <summary>Adds rule text held in memory (tests, editors).</summary>
    public RuleSources AddText(string text, string path = "inline.rules")
    {
        _ruleFiles.Add(new SourceText(text, path));
        return this;
    }

    private void AddFile(string file)
    {
        var display = DisplayPath(file);
        try
        {
            _ruleFiles.Add(new SourceText(File.ReadAllText(file), display));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Diagnostics.Add(new Diagnostic(BindingDiagnostics.UnreadableRuleFile, Location.None(display), e.Message));
        }
    }

    /// <summary>
    /// A hash of the text of every rule file and embedded template. Paths are left out because they are
    /// shown relative to the working directory; template files read from disk are not included.
    /// </summary>
    internal string ComputeHash()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var source in _ruleFiles.Concat(_embedded.Values).Select(s => s.Text).Order(StringComparer.Ordinal))
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(source + "\0"));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Reads a template file named by a rule: embedded first, then the file system.</summary>
    internal SourceText? ReadTemplate(string path)
    {
        var normalized = path.Replace('\\', '/');
        if (_embedded.TryGetValue(normalized, out var embedded)) return embedded;
        if (normalized.StartsWith(BuiltInPrefix, StringComparison.Ordinal)) return null;
        // Several rules of one provision share a template file: read it once.
        if (_read.TryGetValue(normalized, out var known)) return known;
        try
        {
            return _read[normalized] = File.Exists(path) ? new SourceText(File.ReadAllText(path), normalized) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private readonly Dictionary<string, SourceText?> _read = new(StringComparer.Ordinal);

    /// <summary>Paths are shown relative to the working directory when below it, as compilers do.</summary>
    private static string DisplayPath(string file)
    {
        var full = Path.GetFullPath(file);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative).Replace('\\', '/');
    }
}
