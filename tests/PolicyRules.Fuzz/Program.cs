using PolicyRules.Documents;
using SharpFuzz;

namespace PolicyRules.Fuzz;

/// <summary>
/// AFL harness: each input is a document's bytes, loaded as Markdown, HTML and plain text. A load
/// may refuse input with <see cref="DocumentLoadException"/> (binary files); any other exception,
/// or a span outside the text, is a crash AFL records.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0)
        {
            // Replay one input (a file AFL saved) without AFL.
            Check(File.ReadAllBytes(args[0]));
            return;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            Check(buffer.ToArray());
        });
    }

    private static void Check(byte[] bytes)
    {
        foreach (var name in new[] { "fuzz.md", "fuzz.html", "fuzz.txt" })
        {
            PolicyDocument document;
            try { document = DocumentLoader.Load(bytes, name); }
            catch (DocumentLoadException) { return; }
            var length = document.Text.Length;
            foreach (var s in document.Sentences)
                if (s.Span.Start < 0 || s.Span.End > length) throw new InvalidOperationException($"sentence span {s.Span} outside the text ({length})");
            foreach (var t in document.Tokens)
                if (t.Span.Start < 0 || t.Span.End > length) throw new InvalidOperationException($"token span {t.Span} outside the text ({length})");
        }
    }
}
