using System.Text;
using System.Text.Unicode;
using PolicyRules.Diagnostics;
using PolicyRules.Text;

namespace PolicyRules.Documents;

/// <summary>Bytes to text: UTF-8 (BOM optional) or UTF-16 with a BOM; binary files are refused.</summary>
internal static class TextDecoder
{
    private const int SniffLength = 8192;

    /// <summary>Decodes, or throws <see cref="DocumentLoadException"/> for binary input. Invalid UTF-8 gives a warning, not an error.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string path, out Func<SourceText, Diagnostic>? invalidUtf8)
    {
        invalidUtf8 = null;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return encoding.GetString(bytes[2..]);
        }
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes = bytes[3..];

        if (LooksBinary(bytes, out var why))
            throw new DocumentLoadException(new Diagnostic(DocumentDiagnostics.BinaryInput, Location.None(path), path, why));

        // Fast path: valid UTF-8 decodes straight into the string (no intermediate buffer).
        if (Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var chars = new char[bytes.Length];
        Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);

        var firstBad = read;
        var firstBadChar = written;
        Utf8.ToUtf16(bytes, chars, out _, out written, replaceInvalidSequences: true);
        var text = new string(chars, 0, written);
        var count = 0;
        foreach (var c in text.AsSpan(firstBadChar)) if (c == '\uFFFD') count++;
        invalidUtf8 = source => new Diagnostic(DocumentDiagnostics.InvalidUtf8,
            Location.In(source, new TextSpan(Math.Min(firstBadChar, source.Length), firstBadChar < source.Length ? 1 : 0)), firstBad, Math.Max(count, 1));
        return text;
    }

    /// <summary>NUL bytes, or more than 10% control characters other than tab, newline, CR, form feed and ESC, in the first 8 KB.</summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> bytes, out string why)
    {
        var head = bytes[..Math.Min(bytes.Length, SniffLength)];
        var nul = head.IndexOf((byte)0);
        if (nul >= 0) { why = $"NUL byte at offset {nul}"; return true; }
        var control = 0;
        foreach (var b in head)
            if (b < 0x20 && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r' && b != 0x0C && b != 0x1B && b != 0x0B) control++;
        if (head.Length > 0 && control * 10 > head.Length) { why = $"{control} control bytes in the first {head.Length}"; return true; }
        why = "";
        return false;
    }
}
