using System.Globalization;
using PolicyRules.Text;

namespace PolicyRules.Documents;

/// <summary>
/// Durations, money, ages, places and dates, found by hand-written token patterns inside each
/// sentence. At each token the recognisers are tried in a fixed order (date, money, age, duration,
/// place) and the first match is taken, so entities never overlap and come out sorted by start.
/// </summary>
internal static class EntityRecognizer
{
    private static readonly Dictionary<string, int> Small = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40,
        ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, double> Scales = new(StringComparer.Ordinal)
        { ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000 };

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["second"] = "second", ["seconds"] = "second", ["minute"] = "minute", ["minutes"] = "minute", ["min"] = "minute", ["mins"] = "minute",
        ["hour"] = "hour", ["hours"] = "hour", ["hr"] = "hour", ["hrs"] = "hour", ["day"] = "day", ["days"] = "day",
        ["week"] = "week", ["weeks"] = "week", ["month"] = "month", ["months"] = "month", ["year"] = "year", ["years"] = "year",
        ["yr"] = "year", ["yrs"] = "year",
    };

    private static readonly HashSet<string> UnitAdjectives = new(StringComparer.Ordinal)
        { "calendar", "business", "working", "consecutive", "full", "additional", "further", "more", "banking", "trading" };

    private static readonly string[][] DurationQualifiers =
    [
        ["no", "more", "than"], ["no", "less", "than"], ["no", "later", "than"], ["not", "more", "than"], ["not", "less", "than"],
        ["no", "longer", "than"], ["not", "to", "exceed"], ["a", "maximum", "of"], ["a", "minimum", "of"], ["a", "period", "of"],
        ["up", "to"], ["at", "least"], ["at", "most"], ["more", "than"], ["less", "than"], ["fewer", "than"], ["longer", "than"],
        ["maximum", "of"], ["minimum", "of"], ["within"], ["approximately"], ["about"], ["after"],
    ];

    private static readonly Dictionary<string, string[][]> QualifiersByFirst = DurationQualifiers
        .GroupBy(q => q[0]).ToDictionary(g => g.Key, g => g.OrderByDescending(q => q.Length).ToArray(), StringComparer.Ordinal);

    private static readonly Dictionary<string, string> CurrencySymbols = new(StringComparer.Ordinal)
        { ["$"] = "USD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "JPY", ["₹"] = "INR", ["₩"] = "KRW", ["₽"] = "RUB", ["₺"] = "TRY" };

    private static readonly Dictionary<string, string> DollarPrefixes = new(StringComparer.Ordinal)
        { ["us"] = "USD", ["u.s."] = "USD", ["usd"] = "USD", ["c"] = "CAD", ["ca"] = "CAD", ["cad"] = "CAD", ["a"] = "AUD", ["au"] = "AUD", ["aud"] = "AUD",
          ["nz"] = "NZD", ["hk"] = "HKD", ["s"] = "SGD", ["sg"] = "SGD", ["r"] = "BRL", ["mx"] = "MXN" };

    private static readonly HashSet<string> IsoCodes = new(StringComparer.Ordinal)
        { "usd", "eur", "gbp", "cad", "aud", "jpy", "chf", "cny", "rmb", "inr", "sgd", "hkd", "nzd", "krw", "brl", "mxn", "sek", "nok", "dkk", "pln" };

    private static readonly Dictionary<string, string> CurrencyWords = new(StringComparer.Ordinal)
    {
        ["dollar"] = "USD", ["dollars"] = "USD", ["euro"] = "EUR", ["euros"] = "EUR", ["pound"] = "GBP", ["pounds"] = "GBP",
        ["cent"] = "USD-cent", ["cents"] = "USD-cent", ["yen"] = "JPY", ["yuan"] = "CNY", ["renminbi"] = "CNY", ["rupees"] = "INR", ["francs"] = "CHF",
    };

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["may"] = 5, ["june"] = 6, ["july"] = 7, ["august"] = 8,
        ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["jun"] = 6, ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9,
        ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
        ["jan."] = 1, ["feb."] = 2, ["mar."] = 3, ["apr."] = 4, ["jun."] = 6, ["jul."] = 7, ["aug."] = 8, ["sep."] = 9, ["sept."] = 9,
        ["oct."] = 10, ["nov."] = 11, ["dec."] = 12,
    };

    private static readonly HashSet<string> AgeFollowers = new(StringComparer.Ordinal)
    {
        "years", "year", "yrs", "or", "and", "who", "without", "must", "may", "cannot", "can", "are", "is", "should", "in", "from", "to",
        "unless", "we", "you", "need", "require", "requires", "to", "if", "as", "at", "the",
    };

    private static readonly HashSet<string> PlaceStopWords = new(StringComparer.Ordinal)
    {
        "the", "your", "our", "such", "any", "each", "this", "that", "these", "those", "their", "its", "his", "her", "a", "an",
        "services", "service", "terms", "agreement", "policy", "company", "user", "users", "customer", "customers", "section", "you", "we",
    };

    private sealed record PlaceEntry(string[] Tokens, bool[] Capitalized, string Canonical, bool TakesThe, bool Acronym);

    private static readonly Dictionary<string, PlaceEntry[]> Places = BuildPlaces();

    public static void Recognize(string text, Span<TokenDraft> tokens, List<(int First, int Count)> sentences, List<Entity> output)
    {
        foreach (var (sf, count) in sentences)
        {
            var se = sf + count;
            var t = sf;
            while (t < se)
            {
                var end = TryAt(text, tokens, t, sf, se, output);
                t = end > t ? end : t + 1;
            }
        }
    }

    /// <summary>Returns the token after the entity found at <paramref name="t"/>, or <paramref name="t"/>.</summary>
    private static int TryAt(string text, Span<TokenDraft> tokens, int t, int sf, int se, List<Entity> output)
    {
        var tok = tokens[t];
        // cheap first-token filters keep this off the common path
        switch (tok.Kind)
        {
            case TokenKind.Punctuation:
            case TokenKind.Url:
            case TokenKind.Email:
                return t;
            case TokenKind.Word:
                if ((tok.Class & (TermClass.EntityTrigger | TermClass.Month)) == 0)
                {
                    // only a place can start with any other capitalised word
                    return (tok.Flags & TokenFlags.Capitalized) != 0 && MayStartPlace(tokens, t, sf, se) ? Place(text, tokens, t, sf, se, output) : t;
                }
                break;
        }
        int end;
        if ((end = Date(text, tokens, t, se, output)) > t) return end;
        if ((end = Money(text, tokens, t, se, output)) > t) return end;
        if ((end = Age(text, tokens, t, se, output)) > t) return end;
        if ((end = Duration(text, tokens, t, se, output)) > t) return end;
        if ((end = Place(text, tokens, t, sf, se, output)) > t) return end;
        return t;
    }

    private static string N(Span<TokenDraft> tokens, int i, int se) => i < se && i >= 0 ? tokens[i].Norm : "";

    private static Entity Make(string text, Span<TokenDraft> tokens, EntityKind kind, int first, int endToken, string value)
    {
        var end = tokens[endToken - 1].End;
        // "30 days’ notice": the possessive apostrophe is not part of the entity
        if (end - 1 > tokens[first].Start && Tokenizer.IsApostrophe(text[end - 1])) end--;
        var span = TextSpan.FromBounds(tokens[first].Start, end);
        return new Entity(kind, span, text.Substring(span.Start, span.Length), value);
    }

    private static string Format(double v) =>
        v == Math.Floor(v) && Math.Abs(v) < 1e15 ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    // ---------------- numbers ----------------

    /// <summary>"30", "1,000.50", "thirty", "twenty-four", "one hundred", "thirty (30)", "5 million".</summary>
    private static bool TryNumber(Span<TokenDraft> tokens, int t, int se, out double value, out int end)
    {
        value = 0; end = t;
        if (t >= se) return false;
        var tok = tokens[t];
        if (tok.Kind == TokenKind.Number)
        {
            if (!double.TryParse(tok.Norm, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
            end = t + 1;
        }
        else if (tok.Kind == TokenKind.Word && (Small.ContainsKey(tok.Norm) || tok.Norm is "a" && Scales.ContainsKey(N(tokens, t + 1, se))))
        {
            double total = 0, current = 0;
            var u = t;
            var any = false;
            while (u < se && tokens[u].Kind == TokenKind.Word)
            {
                var w = tokens[u].Norm;
                if (Small.TryGetValue(w, out var v)) { current += v; any = true; }
                else if (w == "a" && u == t) { current = 1; }
                else if (w == "hundred" && any | current > 0) current = Math.Max(current, 1) * 100;
                else if (Scales.TryGetValue(w, out var scale) && (any || current > 0)) { total += Math.Max(current, 1) * scale; current = 0; }
                else if (w == "and" && any && u + 1 < se && Small.ContainsKey(tokens[u + 1].Norm)) { }
                else break;
                u++;
            }
            if (!any) return false;
            value = total + current;
            end = u;
        }
        else return false;

        // "thirty (30)": the figures in brackets confirm the words
        if (N(tokens, end, se) == "(" && end + 2 < se && tokens[end + 1].Kind == TokenKind.Number && N(tokens, end + 2, se) == ")"
            && double.TryParse(tokens[end + 1].Norm, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var figures))
        {
            value = figures;
            end += 3;
        }
        // "5 million"
        if (tok.Kind == TokenKind.Number && end < se && Scales.TryGetValue(tokens[end].Norm, out var s) && s >= 1000)
        {
            value *= s;
            end++;
        }
        return true;
    }

    private static int MatchSequence(Span<TokenDraft> tokens, int t, int se, string[] words)
    {
        if (t + words.Length > se) return -1;
        for (var k = 0; k < words.Length; k++)
            if (tokens[t + k].Kind != TokenKind.Word || tokens[t + k].Norm != words[k]) return -1;
        return t + words.Length;
    }

    // ---------------- duration ----------------

    private static int Duration(string text, Span<TokenDraft> tokens, int t, int se, List<Entity> output)
    {
        var qualifier = "";
        var u = t;
        if (tokens[t].Kind == TokenKind.Word && !Small.ContainsKey(tokens[t].Norm))
        {
            if (!QualifiersByFirst.TryGetValue(tokens[t].Norm, out var qualifiers)) return t;
            foreach (var q in qualifiers)
            {
                var m = MatchSequence(tokens, t, se, q);
                if (m > 0) { qualifier = string.Join(' ', q); u = m; break; }
            }
            if (u == t) return t;
        }
        if (!TryNumber(tokens, u, se, out var value, out var end)) return t;
        var unitAt = end;
        if (unitAt < se && tokens[unitAt].Kind == TokenKind.Word && UnitAdjectives.Contains(tokens[unitAt].Norm)) unitAt++;
        if (unitAt >= se || tokens[unitAt].Kind != TokenKind.Word || !Units.TryGetValue(tokens[unitAt].Norm, out var unit)) return t;
        if (qualifier == "a period of") qualifier = "";
        var first = t;
        var e = Make(text, tokens, EntityKind.Duration, first, unitAt + 1, Iso(value, unit)) with
        {
            Display = $"{Format(value)} {unit}{(value == 1 ? "" : "s")}",
            Quantity = value,
            Unit = unit,
            Qualifier = qualifier,
        };
        output.Add(e);
        return unitAt + 1;
    }

    private static string Iso(double value, string unit)
    {
        var n = Format(value);
        return unit switch
        {
            "second" => $"PT{n}S",
            "minute" => $"PT{n}M",
            "hour" => $"PT{n}H",
            "day" => $"P{n}D",
            "week" => $"P{n}W",
            "month" => $"P{n}M",
            _ => $"P{n}Y",
        };
    }

    // ---------------- age ----------------

    private static int Age(string text, Span<TokenDraft> tokens, int t, int se, List<Entity> output)
    {
        var tok = tokens[t];
        string qualifier;
        int u;
        var explicitAge = false;
        switch (tok.Norm)
        {
            case "under": case "below": qualifier = "under"; u = t + 1; break;
            case "over": case "above": qualifier = "over"; u = t + 1; break;
            case "younger" when N(tokens, t + 1, se) == "than": qualifier = "under"; u = t + 2; break;
            case "older" when N(tokens, t + 1, se) == "than": qualifier = "over"; u = t + 2; break;
            case "aged": qualifier = ""; u = t + 1; explicitAge = true; break;
            case "at" when N(tokens, t + 1, se) == "least": qualifier = "at least"; u = t + 2; break;
            case "age" when N(tokens, t + 1, se) == "of" || tokens.Length > t + 1 && t + 1 < se && tokens[t + 1].Kind == TokenKind.Number:
                qualifier = ""; u = t + 1; explicitAge = true; break;
            default:
                if (tok.Kind == TokenKind.Number || Small.ContainsKey(tok.Norm)) { qualifier = ""; u = t; break; }
                return t;
        }
        if (tok.Kind == TokenKind.Word && tok.Norm is "under" or "below" or "over" or "above")
        {
            // "under the age of 13", "under age 13"
            if (N(tokens, u, se) == "the" && N(tokens, u + 1, se) == "age" && N(tokens, u + 2, se) == "of") { u += 3; explicitAge = true; }
            else if (N(tokens, u, se) == "age" && N(tokens, u + 1, se) == "of") { u += 2; explicitAge = true; }
            else if (N(tokens, u, se) == "age") { u += 1; explicitAge = true; }
        }
        else if (explicitAge && N(tokens, u, se) == "of") u++;

        if (!TryNumber(tokens, u, se, out var value, out var end)) return t;
        if (value < 1 || value > 120 || value != Math.Floor(value)) return t;
        var last = end;
        // "13 years of age", "16 years old", "13-year-old"
        if (N(tokens, last, se) is "years" or "year" or "yrs")
        {
            if (N(tokens, last + 1, se) == "of" && N(tokens, last + 2, se) == "age") { last += 3; explicitAge = true; }
            else if (N(tokens, last + 1, se) == "old") { last += 2; explicitAge = true; }
            else if (qualifier is "under" or "over" && value <= 21) last += 1;
            else if (!explicitAge) return t;
        }
        // "13 or older", "18 and over"
        var tail = "";
        if (N(tokens, last, se) is "or" or "and" && N(tokens, last + 1, se) is "older" or "over" or "above" or "up" or "younger" or "under")
        {
            tail = $"{N(tokens, last, se)} {N(tokens, last + 1, se)}";
            last += 2;
            explicitAge |= qualifier != "" || u > t || value <= 25;
        }
        if (!explicitAge)
        {
            if (qualifier is not ("under" or "over") || value > 21) return t;
            // "under 13": only when what follows cannot be a unit ("under 5 MB")
            if (last < se && tokens[last].Kind == TokenKind.Word && !AgeFollowers.Contains(tokens[last].Norm)) return t;
            if (last < se && tokens[last].Kind == TokenKind.Symbol) return t;
        }
        if (qualifier == "" && tail == "" && !explicitAge) return t;
        var q = qualifier.Length > 0 ? qualifier : tail;
        output.Add(Make(text, tokens, EntityKind.Age, t, last, Format(value)) with { Display = Format(value), Quantity = value, Qualifier = q });
        return last;
    }

    // ---------------- money ----------------

    private static int Money(string text, Span<TokenDraft> tokens, int t, int se, List<Entity> output)
    {
        var tok = tokens[t];
        string? code = null;
        int u;
        if (tok.Kind == TokenKind.Symbol && CurrencySymbols.TryGetValue(tok.Norm, out code)) u = t + 1;
        else if (tok.Kind == TokenKind.Word && t + 1 < se && tokens[t + 1].Kind == TokenKind.Symbol && tokens[t + 1].Start == tok.End
                 && tokens[t + 1].Norm == "$" && DollarPrefixes.TryGetValue(tok.Norm, out code)) u = t + 2;
        else if (tok.Kind == TokenKind.Word && IsoCodes.Contains(tok.Norm) && tok.Flags.HasFlag(TokenFlags.AllCaps) && t + 1 < se && tokens[t + 1].Kind == TokenKind.Number)
        { code = tok.Norm.ToUpperInvariant(); if (code == "RMB") code = "CNY"; u = t + 1; }
        else if (tok.Kind == TokenKind.Number || Small.ContainsKey(tok.Norm))
            return MoneyWords(text, tokens, t, se, output);
        else return t;

        if (!TryNumber(tokens, u, se, out var value, out var end)) return t;
        // "$100 USD"
        if (end < se && tokens[end].Kind == TokenKind.Word && IsoCodes.Contains(tokens[end].Norm) && tokens[end].Flags.HasFlag(TokenFlags.AllCaps))
        {
            code = tokens[end].Norm.ToUpperInvariant();
            end++;
        }
        AddMoney(text, tokens, t, end, code!, value, output);
        return end;
    }

    /// <summary>"100 euros", "one hundred dollars ($100)", "100 USD", "50 cents".</summary>
    private static int MoneyWords(string text, Span<TokenDraft> tokens, int t, int se, List<Entity> output)
    {
        if (!TryNumber(tokens, t, se, out var value, out var end)) return t;
        var u = end;
        if (N(tokens, u, se) is "u.s." or "us" or "australian" or "canadian" or "singapore" or "hong") u++;
        if (u >= se || tokens[u].Kind != TokenKind.Word) return t;
        string? code;
        var w = tokens[u].Norm;
        if (CurrencyWords.TryGetValue(w, out code)) { }
        else if (IsoCodes.Contains(w) && tokens[u].Flags.HasFlag(TokenFlags.AllCaps)) code = w.ToUpperInvariant();
        else return t;
        if (code == "USD-cent") { code = "USD"; value /= 100; }
        if (N(tokens, u - 1, se) == "canadian") code = "CAD";
        else if (N(tokens, u - 1, se) == "australian") code = "AUD";
        else if (N(tokens, u - 1, se) == "singapore") code = "SGD";
        end = u + 1;
        if (w is "pounds" or "pound" && N(tokens, end, se) == "sterling") end++;
        // "one hundred dollars ($100)": one entity; the figures win
        if (N(tokens, end, se) == "(")
        {
            var inner = new List<Entity>(1);
            var innerEnd = Money(text, tokens, end + 1, se, inner);
            if (innerEnd > end + 1 && N(tokens, innerEnd, se) == ")" && inner.Count == 1)
            {
                value = inner[0].Quantity;
                code = inner[0].Unit;
                end = innerEnd + 1;
            }
        }
        AddMoney(text, tokens, t, end, code, value, output);
        return end;
    }

    private static void AddMoney(string text, Span<TokenDraft> tokens, int first, int end, string code, double value, List<Entity> output)
    {
        var amount = value == Math.Floor(value) ? Format(value) : value.ToString("0.00", CultureInfo.InvariantCulture);
        var v = $"{code} {amount}";
        output.Add(Make(text, tokens, EntityKind.Money, first, end, v) with { Display = v, Quantity = value, Unit = code });
    }

    // ---------------- date ----------------

    private static int Date(string text, Span<TokenDraft> tokens, int t, int se, List<Entity> output)
    {
        var tok = tokens[t];
        if (tok.Kind == TokenKind.Word && (tok.Class & TermClass.Month) != 0 && tok.Flags.HasFlag(TokenFlags.Capitalized) && Months.TryGetValue(tok.Norm, out var month))
        {
            var u = t + 1;
            if (N(tokens, u, se) == ".") u++;
            // Month Day, Year
            if (TryDay(tokens, u, se, out var day))
            {
                var v = u + 1;
                if (N(tokens, v, se) == ",") v++;
                if (TryYear(tokens, v, se, out var year) && Valid(year, month, day))
                    return AddDate(text, tokens, t, v + 1, $"{year:D4}-{month:D2}-{day:D2}", output);
                return t;
            }
            // Month Year
            if (N(tokens, u, se) == ",") u++;
            if (TryYear(tokens, u, se, out var y) && (tok.Norm != "may" || tok.Flags.HasFlag(TokenFlags.Capitalized)))
                return AddDate(text, tokens, t, u + 1, $"{y:D4}-{month:D2}", output);
            return t;
        }
        if (TryDay(tokens, t, se, out var d) && t + 1 < se && tokens[t + 1].Kind == TokenKind.Word && tokens[t + 1].Flags.HasFlag(TokenFlags.Capitalized)
            && Months.TryGetValue(tokens[t + 1].Norm, out var m))
        {
            // Day Month Year
            var v = t + 2;
            if (N(tokens, v, se) == ",") v++;
            if (TryYear(tokens, v, se, out var year) && Valid(year, m, d))
                return AddDate(text, tokens, t, v + 1, $"{year:D4}-{m:D2}-{d:D2}", output);
            return t;
        }
        if (tok.Kind == TokenKind.Number && tok.Length == 4 && t + 2 < se
            && tokens[t + 1].Kind == TokenKind.Number && tokens[t + 1].Flags.HasFlag(TokenFlags.HyphenJoined) && tokens[t + 1].Length <= 2
            && tokens[t + 2].Kind == TokenKind.Number && tokens[t + 2].Flags.HasFlag(TokenFlags.HyphenJoined) && tokens[t + 2].Length <= 2
            && int.TryParse(tok.Norm, out var iy) && int.TryParse(tokens[t + 1].Norm, out var im) && int.TryParse(tokens[t + 2].Norm, out var id)
            && Valid(iy, im, id))
        {
            // 2024-01-01
            return AddDate(text, tokens, t, t + 3, $"{iy:D4}-{im:D2}-{id:D2}", output);
        }
        if (tok.Kind == TokenKind.Number && tok.Length <= 2 && t + 4 < se && N(tokens, t + 1, se) == "/" && N(tokens, t + 3, se) == "/"
            && tokens[t + 2].Kind == TokenKind.Number && tokens[t + 4].Kind == TokenKind.Number && tokens[t + 4].Length == 4
            && tokens[t + 1].Start == tok.End && tokens[t + 2].Start == tokens[t + 1].End && tokens[t + 3].Start == tokens[t + 2].End && tokens[t + 4].Start == tokens[t + 3].End
            && int.TryParse(tok.Norm, out var a) && int.TryParse(tokens[t + 2].Norm, out var b) && int.TryParse(tokens[t + 4].Norm, out var yy))
        {
            // 03/15/2024 (US order; day first when the first number cannot be a month)
            var (mm, dd) = a > 12 ? (b, a) : (a, b);
            if (Valid(yy, mm, dd)) return AddDate(text, tokens, t, t + 5, $"{yy:D4}-{mm:D2}-{dd:D2}", output);
        }
        return t;
    }

    private static bool TryDay(Span<TokenDraft> tokens, int t, int se, out int day)
    {
        day = 0;
        if (t >= se) return false;
        var tok = tokens[t];
        var s = tok.Norm;
        if (tok.Kind == TokenKind.Word && s.Length is 3 or 4 && (s.EndsWith("st") || s.EndsWith("nd") || s.EndsWith("rd") || s.EndsWith("th")))
            s = s[..^2];
        else if (tok.Kind != TokenKind.Number) return false;
        return s.Length <= 2 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out day) && day is >= 1 and <= 31;
    }

    private static bool TryYear(Span<TokenDraft> tokens, int t, int se, out int year)
    {
        year = 0;
        return t < se && tokens[t].Kind == TokenKind.Number && tokens[t].Length == 4
               && int.TryParse(tokens[t].Norm, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1900 and <= 2199;
    }

    private static bool Valid(int year, int month, int day) =>
        year is >= 1900 and <= 2199 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int AddDate(string text, Span<TokenDraft> tokens, int first, int end, string value, List<Entity> output)
    {
        output.Add(Make(text, tokens, EntityKind.Date, first, end, value) with { Display = value });
        return end;
    }

    // ---------------- place ----------------

    /// <summary>Cheap test before the place patterns: a gazetteer first word, "County" within reach, or after "laws of" / "courts in".</summary>
    private static bool MayStartPlace(Span<TokenDraft> tokens, int t, int sf, int se)
    {
        if ((tokens[t].Class & TermClass.PlaceStart) != 0) return true;
        for (var k = t + 1; k < se && k <= t + 3; k++) if ((tokens[k].Class & TermClass.County) != 0) return true;
        return t - 2 >= sf && tokens[t - 1].Norm is "of" or "in";
    }

    private static int Place(string text, Span<TokenDraft> tokens, int t, int sf, int se, List<Entity> output)
    {
        var tok = tokens[t];
        if (tok.Kind != TokenKind.Word) return t;
        var the = tok.Norm == "the" && t + 1 < se;
        var at = the ? t + 1 : t;
        if (!tokens[at].Flags.HasFlag(TokenFlags.Capitalized)) return t;

        if (MatchGazetteer(tokens, at, se, out var entry, out var end))
        {
            if (the && !entry.TakesThe) return t; // "the" is not part of "the California courts"; try again at the name
            // "San Francisco County" beats "San Francisco": a following capitalised "County" extends the name
            if (N(tokens, end, se) == "county" && tokens[end].Flags.HasFlag(TokenFlags.Capitalized))
            {
                var name = text.Substring(tokens[at].Start, tokens[end].End - tokens[at].Start);
                output.Add(Make(text, tokens, EntityKind.Place, t, end + 1, name) with { Display = name });
                return end + 1;
            }
            output.Add(Make(text, tokens, EntityKind.Place, t, end, entry.Canonical) with { Display = entry.Canonical });
            return end;
        }

        // "County of X" / "X County"
        if (tokens[at].Norm == "county" && N(tokens, at + 1, se) == "of" && CapitalisedRun(tokens, at + 2, se, 3) is var runEnd && runEnd > at + 2)
        {
            var name = text.Substring(tokens[at + 2].Start, tokens[runEnd - 1].End - tokens[at + 2].Start) + " County";
            output.Add(Make(text, tokens, EntityKind.Place, t, runEnd, name) with { Display = name });
            return runEnd;
        }
        if (!the)
        {
            var run = CapitalisedRun(tokens, at, se, 3);
            if (run > at && N(tokens, run, se) == "county" && tokens[run].Flags.HasFlag(TokenFlags.Capitalized) && !PlaceStopWords.Contains(tokens[at].Norm))
            {
                var name = text.Substring(tokens[at].Start, tokens[run].End - tokens[at].Start);
                output.Add(Make(text, tokens, EntityKind.Place, t, run + 1, name) with { Display = name });
                return run + 1;
            }
            // "the laws of X", "courts of X", "courts located in X": an unlisted jurisdiction
            if (at - 2 >= sf && N(tokens, at - 1, se) is "of" or "in" && N(tokens, at - 2, se) is "laws" or "law" or "courts" or "court" or "located" or "jurisdiction"
                && !PlaceStopWords.Contains(tok.Norm))
            {
                var r = CapitalisedRun(tokens, at, se, 4);
                if (r > at)
                {
                    var name = text.Substring(tokens[at].Start, tokens[r - 1].End - tokens[at].Start);
                    output.Add(Make(text, tokens, EntityKind.Place, t, r, name) with { Display = name });
                    return r;
                }
            }
        }
        return t;
    }

    /// <summary>End of a run of up to <paramref name="max"/> capitalised words (with inner "of"/"and").</summary>
    private static int CapitalisedRun(Span<TokenDraft> tokens, int t, int se, int max)
    {
        var u = t;
        var words = 0;
        while (u < se && words < max && tokens[u].Kind == TokenKind.Word)
        {
            if (tokens[u].Flags.HasFlag(TokenFlags.Capitalized) && !PlaceStopWords.Contains(tokens[u].Norm) && tokens[u].Norm != "county") { u++; words++; continue; }
            if (tokens[u].Norm is "of" or "and" && u > t && u + 1 < se && tokens[u + 1].Flags.HasFlag(TokenFlags.Capitalized) && tokens[u + 1].Norm != "county") { u++; continue; }
            break;
        }
        return words == 0 ? t : u;
    }

    private static bool MatchGazetteer(Span<TokenDraft> tokens, int t, int se, out PlaceEntry entry, out int end)
    {
        entry = null!; end = t;
        if (!Places.TryGetValue(tokens[t].Norm, out var candidates)) return false;
        foreach (var c in candidates) // longest first
        {
            if (t + c.Tokens.Length > se) continue;
            var ok = true;
            for (var k = 0; k < c.Tokens.Length && ok; k++)
            {
                var tk = tokens[t + k];
                ok = tk.Norm == c.Tokens[k] && (!c.Capitalized[k] || tk.Flags.HasFlag(TokenFlags.Capitalized));
            }
            if (!ok) continue;
            if (c.Acronym && !tokens[t].Flags.HasFlag(TokenFlags.AllCaps) && !tokens[t].Norm.Contains('.')) continue;
            entry = c;
            end = t + c.Tokens.Length;
            return true;
        }
        return false;
    }

    private static Dictionary<string, PlaceEntry[]> BuildPlaces()
    {
        var lines = new List<string>(Gazetteer.Entries);
        foreach (var state in Gazetteer.UsStates)
        {
            lines.Add($"the State of {state}={state}");
            lines.Add($"State of {state}={state}");
            lines.Add(state);
            foreach (var dir in new[] { "Northern", "Southern", "Eastern", "Western", "Central", "Middle" })
                lines.Add($"the {dir} District of {state}={dir} District of {state}");
            lines.Add($"the District of {state}=District of {state}");
        }
        foreach (var c in new[] { "Massachusetts", "Pennsylvania", "Virginia", "Kentucky" }) lines.Add($"the Commonwealth of {c}={c}");

        var byFirst = new Dictionary<string, List<PlaceEntry>>(StringComparer.Ordinal);
        var scratch = new List<TokenDraft>();
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=');
            var name = eq < 0 ? line : line[..eq];
            var takesThe = name.StartsWith("the ", StringComparison.Ordinal);
            if (takesThe) name = name[4..];
            var canonical = eq < 0 ? name : line[(eq + 1)..];
            scratch.Clear();
            Tokenizer.Tokenize(name, 0, name.Length, scratch);
            var norms = scratch.Select(x => x.Norm).ToArray();
            var caps = scratch.Select(x => x.Kind == TokenKind.Word && char.IsUpper(name[x.Start])).ToArray();
            var acronym = scratch.Count == 1 && name.Length <= 5 && name.All(ch => !char.IsLower(ch));
            var entry = new PlaceEntry(norms, caps, canonical, takesThe, acronym);
            if (!byFirst.TryGetValue(norms[0], out var list)) byFirst[norms[0]] = list = new List<PlaceEntry>();
            if (!list.Any(e => e.Tokens.SequenceEqual(norms))) list.Add(entry);
        }
        return byFirst.ToDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(e => e.Tokens.Length).ToArray(), StringComparer.Ordinal);
    }
}
