using System.Text;

namespace PolicyRules.Reporting;

/// <summary>
/// A write-only stream that decodes the UTF-8 written to it onto a <see cref="TextWriter"/>, so a
/// <see cref="System.Text.Json.Utf8JsonWriter"/> can write to standard output or a test's writer in
/// pieces. A character split across two writes is held back until its last byte arrives.
/// </summary>
internal sealed class TextWriterStream(TextWriter output) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly char[] _chars = new char[4096];

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            // Bytes held back from the last write can add up to two chars (a surrogate pair).
            var bytes = buffer[..Math.Min(buffer.Length, _chars.Length - 2)];
            var count = _decoder.GetChars(bytes, _chars, flush: false);
            output.Write(_chars, 0, count);
            buffer = buffer[bytes.Length..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    public override void Flush() => output.Flush();
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
