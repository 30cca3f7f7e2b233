using System.Text;
using PolicyRules.Reporting;
using Xunit;

namespace PolicyRules.Tests.Cli;

/// <summary>The stream <c>analyze --format jsonl</c> writes JSON through, in pieces, onto a text writer.</summary>
public class TextWriterStreamTests
{
    [Theory]
    [InlineData("plain ascii", 1)]
    [InlineData("café — “quoted” 😀 €100", 1)]
    [InlineData("café — “quoted” 😀 €100", 2)]
    [InlineData("café — “quoted” 😀 €100", 3)]
    [InlineData("😀😀😀😀", 5)]
    public void Characters_split_across_writes_arrive_whole(string text, int piece)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var output = new StringWriter();
        using (var stream = new TextWriterStream(output))
            for (var i = 0; i < bytes.Length; i += piece)
                stream.Write(bytes.AsSpan(i, Math.Min(piece, bytes.Length - i)));
        Assert.Equal(text, output.ToString());
    }

    [Fact]
    public void A_write_larger_than_the_buffer_is_decoded_in_full()
    {
        var text = string.Concat(Enumerable.Repeat("é😀x", 5000));
        var output = new StringWriter();
        using (var stream = new TextWriterStream(output)) stream.Write(Encoding.UTF8.GetBytes(text));
        Assert.Equal(text, output.ToString());
    }
}
