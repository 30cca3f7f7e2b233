using System.Globalization;
using System.Net;
using System.Text;
using PolicyRules.Compare;

namespace PolicyRules.Reporting.Site;

/// <summary>
/// The provision changes of a platform over time as an inline SVG, drawn when the site is built:
/// one stacked bar per version date (added, changed, removed), in date order. No script, no font.
/// </summary>
internal static class TimelineChart
{
    private const int Width = 720, Left = 36, Right = 16, Top = 16, PlotHeight = 180;

    public static string Render(IReadOnlyList<TimelineVersion> versions)
    {
        var sb = new StringBuilder();
        // Versions of several documents on one date share a bar.
        var ordered = versions.GroupBy(v => v.Date, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TimelineVersion(string.Join(", ", g.Select(v => v.DocType).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal)),
                g.Key, "", g.SelectMany(v => v.Changes).ToList()))
            .ToList();
        // One slot per date, evenly spaced: versions days apart stay readable side by side.
        double plotW = Width - Left - Right;
        var slot = plotW / Math.Max(ordered.Count, 1);
        var rotated = slot < 76;
        var bottom = rotated ? 78 : 36;
        var height = Top + PlotHeight + bottom;
        sb.Append("<svg class=\"chart\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
          .Append("\" role=\"img\" aria-label=\"Provision changes per version\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (ordered.Count == 0) return sb.Append("</svg>\n").ToString();

        var max = Math.Max(1, ordered.Max(v => v.Changes.Count));
        var step = max <= 5 ? 1 : (int)Math.Ceiling(max / 5.0);
        var top = (int)Math.Ceiling(max / (double)step) * step;
        double Y(double n) => Top + PlotHeight - n / top * PlotHeight;

        for (var n = 0; n <= top; n += step)
        {
            sb.Append(F($"<line x1=\"{Left}\" y1=\"{Y(n):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(n):0.#}\" class=\"grid\"/>"));
            sb.Append(F($"<text x=\"{Left - 6}\" y=\"{Y(n) + 4:0.#}\" class=\"axis\" text-anchor=\"end\">{n}</text>\n"));
        }

        var barW = Math.Clamp(slot * 0.6, 3, 28);
        for (var i = 0; i < ordered.Count; i++)
        {
            var v = ordered[i];
            var x = Left + slot * (i + 0.5);
            int added = v.Changes.Count(c => c.Kind == TimelineChangeKind.Added),
                changed = v.Changes.Count(c => c.Kind == TimelineChangeKind.Changed),
                removed = v.Changes.Count(c => c.Kind == TimelineChangeKind.Removed);
            var label = $"{DateLabel(v.Date)} {v.DocType}: {added} added, {changed} changed, {removed} removed";
            sb.Append("<g><title>").Append(WebUtility.HtmlEncode(label)).Append("</title>");
            double baseline = 0;
            foreach (var (count, cls) in new[] { (added, "added"), (changed, "changed"), (removed, "removed") })
            {
                if (count == 0) continue;
                sb.Append(F($"<rect x=\"{x - barW / 2:0.#}\" y=\"{Y(baseline + count):0.#}\" width=\"{barW:0.#}\" height=\"{Y(baseline) - Y(baseline + count):0.#}\" class=\"{cls}\"/>"));
                baseline += count;
            }
            // A version without provision changes (the first one, or a re-wording) is a dot on the axis.
            if (v.Changes.Count == 0) sb.Append(F($"<circle cx=\"{x:0.#}\" cy=\"{Y(0):0.#}\" r=\"4\" class=\"same\"/>"));
            var labelY = Top + PlotHeight + 16;
            sb.Append(rotated
                ? F($"<text x=\"{x:0.#}\" y=\"{labelY}\" class=\"axis\" text-anchor=\"end\" transform=\"rotate(-45 {x:0.#} {labelY})\">")
                : F($"<text x=\"{x:0.#}\" y=\"{labelY}\" class=\"axis\" text-anchor=\"middle\">"));
            sb.Append(WebUtility.HtmlEncode(DateLabel(v.Date))).Append("</text></g>\n");
        }
        sb.Append(F($"<line x1=\"{Left}\" y1=\"{Y(0):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(0):0.#}\" class=\"base\"/>\n"));
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string DateLabel(string date) => date.Length > 0 ? date : "undated";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
