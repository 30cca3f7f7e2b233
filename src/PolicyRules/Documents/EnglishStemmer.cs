namespace PolicyRules.Documents;

/// <summary>
/// The Porter2 ("Snowball English") stemmer, written out from Martin Porter's published
/// description: train, trains, trained, training → train. Words with characters outside a-z and
/// the apostrophe are returned unchanged. Pure and thread-safe; callers cache results.
/// </summary>
public static class EnglishStemmer
{
    private static readonly Dictionary<string, string> Exceptions1 = new(StringComparer.Ordinal)
    {
        ["skis"] = "ski", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie",
        ["idly"] = "idl", ["gently"] = "gentl", ["ugly"] = "ugli", ["early"] = "earli", ["only"] = "onli", ["singly"] = "singl",
        ["sky"] = "sky", ["news"] = "news", ["howe"] = "howe", ["atlas"] = "atlas", ["cosmos"] = "cosmos", ["bias"] = "bias", ["andes"] = "andes",
    };

    private static readonly HashSet<string> Exceptions2 = new(StringComparer.Ordinal)
        { "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed" };

    private static readonly string[] Step2Suffixes =
        ["ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli", "entli", "ation", "alism", "aliti", "ousli", "iviti", "fulli",
         "enci", "anci", "abli", "izer", "ator", "alli", "bli", "ogi", "li"];

    private static readonly string[] Step3Suffixes = ["ational", "tional", "alize", "icate", "iciti", "ative", "ical", "ness", "ful"];

    private static readonly string[] Step4Suffixes =
        ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"];

    /// <summary>The Porter2 stem of a lower-case English word ("training" → "train"); words of one or two letters are returned as they are.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 2) return word;
        foreach (var c in word)
            if (!(c is >= 'a' and <= 'z' || c == '\'')) return word;
        if (Exceptions1.TryGetValue(word, out var exception)) return exception;

        var w = new Word(word);
        w.Run();
        return w.ToString();
    }

    private ref struct Word
    {
        private readonly char[] _b;
        private int _len;
        private int _r1;
        private int _r2;

        public Word(string s)
        {
            _b = s.ToCharArray();
            _len = _b.Length;
            _r1 = _r2 = 0;
        }

        public override string ToString() => new(_b, 0, _len);

        private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

        public void Run()
        {
            // initial apostrophe; y as consonant → Y
            if (_b[0] == '\'') { Array.Copy(_b, 1, _b, 0, _len - 1); _len--; }
            if (_len == 0) return;
            if (_b[0] == 'y') _b[0] = 'Y';
            for (var i = 1; i < _len; i++)
                if (_b[i] == 'y' && IsVowel(_b[i - 1])) _b[i] = 'Y';

            MarkRegions();
            Step0();
            Step1a();
            if (Exceptions2.Contains(ToString())) { Lower(); return; }
            Step1b();
            Step1c();
            Step2();
            Step3();
            Step4();
            Step5();
            Lower();
        }

        private void Lower()
        {
            for (var i = 0; i < _len; i++) if (_b[i] == 'Y') _b[i] = 'y';
        }

        private void MarkRegions()
        {
            _r1 = _len;
            if (StartsWith("gener")) _r1 = 5;
            else if (StartsWith("commun")) _r1 = 6;
            else if (StartsWith("arsen")) _r1 = 5;
            else _r1 = RegionAfter(0);
            _r2 = RegionAfter(_r1);
        }

        /// <summary>Position after the first non-vowel that follows a vowel, searching from <paramref name="from"/>.</summary>
        private readonly int RegionAfter(int from)
        {
            for (var i = from + 1; i < _len; i++)
                if (!IsVowel(_b[i]) && IsVowel(_b[i - 1])) return i + 1;
            return _len;
        }

        private readonly bool StartsWith(string p)
        {
            if (_len < p.Length) return false;
            for (var i = 0; i < p.Length; i++) if (_b[i] != p[i]) return false;
            return true;
        }

        private readonly bool EndsWith(string s)
        {
            if (_len < s.Length) return false;
            var o = _len - s.Length;
            for (var i = 0; i < s.Length; i++) if (_b[o + i] != s[i]) return false;
            return true;
        }

        private void Replace(int suffixLength, string with)
        {
            _len -= suffixLength;
            foreach (var c in with) _b[_len++] = c; // never longer than the removed suffix plus one ('e'), buffer is the original length
        }

        private readonly bool ContainsVowel(int end)
        {
            for (var i = 0; i < end; i++) if (IsVowel(_b[i])) return true;
            return false;
        }

        /// <summary>Short syllable ending at <paramref name="end"/> (exclusive).</summary>
        private readonly bool EndsWithShortSyllable(int end)
        {
            if (end == 2) return IsVowel(_b[0]) && !IsVowel(_b[1]);
            if (end < 3) return false;
            var c = _b[end - 1];
            return !IsVowel(c) && c is not ('w' or 'x' or 'Y') && IsVowel(_b[end - 2]) && !IsVowel(_b[end - 3]);
        }

        private readonly bool IsShort() => _r1 >= _len && EndsWithShortSyllable(_len);

        private void Step0()
        {
            if (EndsWith("'s'")) _len -= 3;
            else if (EndsWith("'s")) _len -= 2;
            else if (EndsWith("'")) _len -= 1;
        }

        private void Step1a()
        {
            if (EndsWith("sses")) { _len -= 2; return; }
            if (EndsWith("ied") || EndsWith("ies"))
            {
                Replace(3, _len > 4 ? "i" : "ie");
                return;
            }
            if (EndsWith("us") || EndsWith("ss")) return;
            if (EndsWith("s"))
            {
                // delete if a vowel occurs before the letter preceding the s
                if (ContainsVowel(_len - 2)) _len--;
            }
        }

        private void Step1b()
        {
            if (EndsWith("eedly")) { if (_len - 5 >= _r1) Replace(5, "ee"); return; }
            if (EndsWith("eed")) { if (_len - 3 >= _r1) Replace(3, "ee"); return; }

            int s;
            if (EndsWith("ingly")) s = 5;
            else if (EndsWith("edly")) s = 4;
            else if (EndsWith("ing")) s = 3;
            else if (EndsWith("ed")) s = 2;
            else return;

            if (!ContainsVowel(_len - s)) return;
            _len -= s;
            if (EndsWith("at") || EndsWith("bl") || EndsWith("iz")) { _b[_len++] = 'e'; return; }
            if (_len >= 2 && _b[_len - 1] == _b[_len - 2] && _b[_len - 1] is 'b' or 'd' or 'f' or 'g' or 'm' or 'n' or 'p' or 'r' or 't') { _len--; return; }
            if (IsShort()) _b[_len++] = 'e';
        }

        private void Step1c()
        {
            if (_len > 2 && (_b[_len - 1] == 'y' || _b[_len - 1] == 'Y') && !IsVowel(_b[_len - 2]))
                _b[_len - 1] = 'i';
        }

        private readonly string? Longest(string[] suffixes)
        {
            // lists are ordered longest first
            foreach (var s in suffixes) if (EndsWith(s)) return s;
            return null;
        }

        private void Step2()
        {
            var s = Longest(Step2Suffixes);
            if (s is null || _len - s.Length < _r1) return;
            switch (s)
            {
                case "tional": Replace(6, "tion"); break;
                case "enci": Replace(4, "ence"); break;
                case "anci": Replace(4, "ance"); break;
                case "abli": Replace(4, "able"); break;
                case "entli": Replace(5, "ent"); break;
                case "izer": Replace(4, "ize"); break;
                case "ization": Replace(7, "ize"); break;
                case "ational": Replace(7, "ate"); break;
                case "ation": Replace(5, "ate"); break;
                case "ator": Replace(4, "ate"); break;
                case "alism": Replace(5, "al"); break;
                case "aliti": Replace(5, "al"); break;
                case "alli": Replace(4, "al"); break;
                case "fulness": Replace(7, "ful"); break;
                case "ousli": Replace(5, "ous"); break;
                case "ousness": Replace(7, "ous"); break;
                case "iveness": Replace(7, "ive"); break;
                case "iviti": Replace(5, "ive"); break;
                case "biliti": Replace(6, "ble"); break;
                case "bli": Replace(3, "ble"); break;
                case "ogi": if (_len >= 4 && _b[_len - 4] == 'l') Replace(3, "og"); break;
                case "fulli": Replace(5, "ful"); break;
                case "lessli": Replace(6, "less"); break;
                case "li":
                    if (_len >= 3 && _b[_len - 3] is 'c' or 'd' or 'e' or 'g' or 'h' or 'k' or 'm' or 'n' or 'r' or 't') _len -= 2;
                    break;
            }
        }

        private void Step3()
        {
            var s = Longest(Step3Suffixes);
            if (s is null || _len - s.Length < _r1) return;
            switch (s)
            {
                case "tional": Replace(6, "tion"); break;
                case "ational": Replace(7, "ate"); break;
                case "alize": Replace(5, "al"); break;
                case "icate": Replace(5, "ic"); break;
                case "iciti": Replace(5, "ic"); break;
                case "ical": Replace(4, "ic"); break;
                case "ful": _len -= 3; break;
                case "ness": _len -= 4; break;
                case "ative": if (_len - 5 >= _r2) _len -= 5; break;
            }
        }

        private void Step4()
        {
            var s = Longest(Step4Suffixes);
            if (s is null || _len - s.Length < _r2) return;
            if (s == "ion")
            {
                if (_len >= 4 && _b[_len - 4] is 's' or 't') _len -= 3;
                return;
            }
            _len -= s.Length;
        }

        private void Step5()
        {
            if (_len == 0) return;
            var last = _b[_len - 1];
            if (last == 'e')
            {
                if (_len - 1 >= _r2 || (_len - 1 >= _r1 && !EndsWithShortSyllable(_len - 1))) _len--;
            }
            else if (last == 'l')
            {
                if (_len - 1 >= _r2 && _len >= 2 && _b[_len - 2] == 'l') _len--;
            }
        }
    }
}
