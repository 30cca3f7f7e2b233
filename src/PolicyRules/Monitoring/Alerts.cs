using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PolicyRules.Reporting;
using PolicyRules.Archive;

namespace PolicyRules.Monitoring;

/// <summary>
/// Tells the user about change sets after they are committed: one JSON payload per change set,
/// POSTed to a webhook (retried with backoff) and/or appended as one line to a file. A failing
/// alert is reported, never undoes or blocks the archive write.
/// </summary>
public sealed class AlertSender(string? webhook, string? file, HttpClient? http = null)
{
    /// <summary>How many times a webhook POST is tried before the alert is reported as failed.</summary>
    public int MaxAttempts { get; init; } = 4;
    /// <summary>The wait before the first retry; it doubles with each retry.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether a webhook or a file was given.</summary>
    public bool IsEnabled => webhook is not null || file is not null;

    /// <summary>The payload of one change set: which document, which versions, and the changes as in <c>diff --format json</c>.</summary>
    public static string Payload(ChangeSet set, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, NewLine = "\n", Encoder = JsonOutput.WriterOptions.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("event", "provision-changes");
            ArchiveWriters.WriteChangeSetFields(json, set);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Sends every change set that has changes; returns one warning line per alert that could not be delivered.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(IEnumerable<ChangeSet> sets, CancellationToken cancel = default)
    {
        var warnings = new List<string>();
        foreach (var set in sets.Where(s => s.Changes.Count > 0))
        {
            var payload = Payload(set);
            if (file is not null)
            {
                try { await File.AppendAllTextAsync(file, payload + "\n", cancel); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    warnings.Add($"alert file {file}: {e.Message}");
                }
            }
            if (webhook is not null && await PostAsync(payload, cancel) is { } error)
                warnings.Add($"alert webhook {webhook}: {error}");
        }
        return warnings;
    }

    private async Task<string?> PostAsync(string payload, CancellationToken cancel)
    {
        var client = http ?? SharedClient.Value;
        string? error = null;
        var delay = FirstDelay;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                using var content = new StringContent(payload, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await client.PostAsync(webhook, content, cancel);
                if (response.IsSuccessStatusCode) return null;
                error = $"HTTP {(int)response.StatusCode}";
                // A client error will not go away by asking again.
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429) return error;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                error = e.Message;
            }
            if (attempt < MaxAttempts)
            {
                await Task.Delay(delay, cancel);
                delay *= 2;
            }
        }
        return $"{error} (gave up after {MaxAttempts} attempts)";
    }

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
}
