using System.Net.Http.Headers;
using PolicyRules.Archive;

namespace PolicyRules.Monitoring;

/// <summary>A fetched page: its bytes and a file name whose extension tells the loader the format.</summary>
public sealed record FetchedDocument(byte[] Bytes, string FileName, string Url);

/// <summary>Which limit a fetch ran into.</summary>
public enum FetchLimit
{
    /// <summary>The page is larger than the byte limit.</summary>
    Size,
    /// <summary>No complete answer came within the time limit.</summary>
    Time,
}

/// <summary>A fetch that ran into one of its limits; the caller knows how its users raise it.</summary>
public sealed class FetchLimitException(string message, FetchLimit limit) : Exception(message)
{
    /// <summary>The limit reached.</summary>
    public FetchLimit Limit { get; } = limit;
}

/// <summary>Downloads one policy page with a size and a time limit (both raisable by the user).</summary>
public static class Fetcher
{
    /// <summary>Downloads an http(s) URL; throws <see cref="ArchiveException"/> for a bad URL, an HTTP error, a body over <paramref name="maxBytes"/> or a time-out.</summary>
    public static async Task<FetchedDocument> FetchAsync(string url, long maxBytes, TimeSpan timeout, HttpMessageHandler? handler = null, CancellationToken cancel = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArchiveException($"'{url}' is not an http or https URL");
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("PolicyRules", "1.0"));
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timer.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            if (!response.IsSuccessStatusCode)
                throw new ArchiveException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength is long declared && declared > maxBytes)
                throw new FetchLimitException($"{url}: {declared:N0} bytes is more than the limit of {maxBytes:N0}", FetchLimit.Size);
            await using var stream = await response.Content.ReadAsStreamAsync(timer.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timer.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    throw new FetchLimitException($"{url}: more than the limit of {maxBytes:N0} bytes", FetchLimit.Size);
                buffer.Write(chunk, 0, read);
            }
            return new FetchedDocument(buffer.ToArray(), FileNameFor(uri, response.Content.Headers.ContentType?.MediaType), url);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new FetchLimitException($"{url}: no complete answer within {timeout.TotalSeconds:0.#} s", FetchLimit.Time);
        }
        catch (HttpRequestException e)
        {
            throw new ArchiveException($"{url}: {e.Message}");
        }
    }

    /// <summary>The media type decides the format; without one, the URL's extension; HTML by default (it is a web page).</summary>
    internal static string FileNameFor(Uri uri, string? mediaType) => mediaType switch
    {
        "text/markdown" or "text/x-markdown" => "fetched.md",
        "text/plain" => "fetched.txt",
        "text/html" or "application/xhtml+xml" => "fetched.html",
        _ => Path.GetExtension(uri.AbsolutePath).ToLowerInvariant() switch
        {
            ".md" or ".markdown" => "fetched.md",
            ".txt" => "fetched.txt",
            _ => "fetched.html",
        },
    };
}
