using System.Globalization;
using System.Net;
using System.Text;

namespace PolicyRules.Compare.Site;

/// <summary>
/// The provision changes of a platform over time as an inline SVG, drawn when the site is built:
/// one stacked bar per version (added, changed, removed), placed on a time axis. No script, no font.
/// </summary>
internal static class TimelineChart
{
    private const int Width = 720, Height = 240, Left = 36, Right = 16, Top = 16, Bottom = 44;

    public static string Render(IReadOnlyList<TimelineVersion> versions)
    {
        var sb = new StringBuilder();
        // Versions of several documents on one date share a bar.
        var ordered = versions.GroupBy(v => v.Date, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TimelineVersion(string.Join(", ", g.Select(v => v.DocType).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal)),
                g.Key, "", g.SelectMany(v => v.Changes).ToList()))
            .ToList();
        sb.Append("<svg class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
          .Append("\" role=\"img\" aria-label=\"Provision changes per version\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (ordered.Count == 0) return sb.Append("</svg>\n").ToString();

        var max = Math.Max(1, ordered.Max(v => v.Changes.Count));
        var step = max <= 5 ? 1 : (int)Math.Ceiling(max / 5.0);
        var top = (int)Math.Ceiling(max / (double)step) * step;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double Y(double n) => Top + plotH - n / top * plotH;

        for (var n = 0; n <= top; n += step)
        {
            sb.Append(F($"<line x1=\"{Left}\" y1=\"{Y(n):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(n):0.#}\" class=\"grid\"/>"));
            sb.Append(F($"<text x=\"{Left - 6}\" y=\"{Y(n) + 4:0.#}\" class=\"axis\" text-anchor=\"end\">{n}</text>\n"));
        }

        var xs = Positions(ordered, plotW);
        var barW = Math.Clamp(plotW / Math.Max(ordered.Count, 1) * 0.6, 4, 28);
        for (var i = 0; i < ordered.Count; i++)
        {
            var v = ordered[i];
            var x = Left + xs[i];
            int added = v.Changes.Count(c => c.Kind == TimelineChangeKind.Added),
                changed = v.Changes.Count(c => c.Kind == TimelineChangeKind.Changed),
                removed = v.Changes.Count(c => c.Kind == TimelineChangeKind.Removed);
            var label = $"{v.Date} {v.DocType}: {added} added, {changed} changed, {removed} removed";
            sb.Append("<g><title>").Append(WebUtility.HtmlEncode(label)).Append("</title>");
            double baseline = 0;
            foreach (var (count, cls) in new[] { (added, "added"), (changed, "changed"), (removed, "removed") })
            {
                if (count == 0) continue;
                sb.Append(F($"<rect x=\"{x - barW / 2:0.#}\" y=\"{Y(baseline + count):0.#}\" width=\"{barW:0.#}\" height=\"{Y(baseline) - Y(baseline + count):0.#}\" class=\"{cls}\"/>"));
                baseline += count;
            }
            // A version without changes (the first one, or a re-wording) is a dot on the axis.
            if (v.Changes.Count == 0) sb.Append(F($"<circle cx=\"{x:0.#}\" cy=\"{Y(0):0.#}\" r=\"4\" class=\"same\"/>"));
            sb.Append("</g>\n");
        }

        // Date labels: first and last always, others where they do not collide.
        var lastLabelX = double.NegativeInfinity;
        for (var i = 0; i < ordered.Count; i++)
        {
            var x = Left + xs[i];
            if (i != ordered.Count - 1 && x - lastLabelX < 80) continue;
            if (i == ordered.Count - 1 && x - lastLabelX < 80 && i > 0) continue;
            var anchor = i == 0 && ordered.Count > 1 ? "start" : i == ordered.Count - 1 && ordered.Count > 1 ? "end" : "middle";
            sb.Append(F($"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 18}\" class=\"axis\" text-anchor=\"{anchor}\">")).Append(WebUtility.HtmlEncode(DateLabel(ordered[i].Date))).Append("</text>\n");
            lastLabelX = x;
        }
        sb.Append(F($"<line x1=\"{Left}\" y1=\"{Y(0):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(0):0.#}\" class=\"base\"/>\n"));
        sb.Append("</svg>\n");
        return sb.ToString();

        static string DateLabel(string date) => date.Length > 0 ? date : "undated";
    }

    /// <summary>X offsets on a time axis when every date parses; evenly spaced otherwise.</summary>
    private static double[] Positions(List<TimelineVersion> ordered, double width)
    {
        var pad = Math.Min(24, width / 8);
        var usable = width - 2 * pad;
        var dates = ordered.Select(o => DateOnly.TryParseExact(o.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null).ToList();
        if (ordered.Count == 1) return new[] { width / 2 };
        if (dates.All(d => d.HasValue))
        {
            var first = dates[0]!.Value.DayNumber;
            var span = Math.Max(1, dates[^1]!.Value.DayNumber - first);
            if (dates[^1]!.Value.DayNumber > first)
                return dates.Select(d => pad + (d!.Value.DayNumber - first) / (double)span * usable).ToArray();
        }
        return Enumerable.Range(0, ordered.Count).Select(i => pad + i / (double)(ordered.Count - 1) * usable).ToArray();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
