//! VADER sentiment: vaderSentiment 3.3.2's `SentimentIntensityAnalyzer.polarity_scores`, ported
//! rule for rule, quirks included, so that every score equals the Python original's.
//!
//! The port follows `vaderSentiment/vaderSentiment.py` (MIT, C.J. Hutto; see
//! `licenses/vader.md`) step by step; the comments name the Python function each part mirrors.
//! Python `str` semantics (`split`, `lower`, `isupper`) come from [`crate::text::pychar`], and the
//! lexicon, emoji descriptions and word lists from the generated `lexicon` tables.

mod lexicon;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::text::pychar;
use lexicon::{Booster, Info, Word, booster_bigrams, special_cases_2, special_cases_3};

/// Booster increment (`B_INCR`).
const B_INCR: f64 = 0.293;
/// Dampener increment (`B_DECR`).
const B_DECR: f64 = -0.293;
/// ALL-CAPS emphasis increment (`C_INCR`).
const C_INCR: f64 = 0.733;
/// Negation factor (`N_SCALAR`).
const N_SCALAR: f64 = -0.74;

/// VADER's four scores for one text, each rounded as vaderSentiment rounds it (`round(x, 3)`
/// for the proportions, `round(x, 4)` for `compound`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct VaderScores {
    /// Proportion of the text that is negative.
    pub neg: f64,
    /// Proportion of the text that is neutral.
    pub neu: f64,
    /// Proportion of the text that is positive.
    pub pos: f64,
    /// Normalised sum of the valences, in [-1, 1].
    pub compound: f64,
}

/// vaderSentiment 3.3.2's `SentimentIntensityAnalyzer().polarity_scores(text)`, equal to it for
/// every input (all four values, bit for bit).
///
/// On a text longer than [`BUFFERED_TEXT_BYTES`] memory does not grow with the number of
/// tokens beyond one `f64` per non-zero valence, and only when the text has a "but": the
/// tokens are not kept but made twice, once to count them and the ALL-CAPS ones and to find
/// the first "but", then to compute each valence from a window of the tokens around it (the
/// rules look at most three back and two ahead).
///
/// ```
/// use ticket_insights::sentiment::vader::polarity_scores;
///
/// let v = polarity_scores("The app crashes every time I log in. Very frustrating!");
/// assert_eq!((v.neg, v.neu, v.pos, v.compound), (0.279, 0.721, 0.0, -0.54));
/// ```
pub fn polarity_scores(text: &str) -> VaderScores {
    scores_with(text, BUFFERED_TEXT_BYTES, WINDOW_TOKENS)
}

/// [`polarity_scores`], with the tokens kept for texts up to `buffered_max` bytes, and longer
/// texts' window drained once it holds more than `window_tokens` (at least 3).
fn scores_with(text: &str, buffered_max: usize, window_tokens: usize) -> VaderScores {
    let text = replace_emoji(text);
    if text.len() <= buffered_max {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        for_each_token(&text, |tok| tokens.push(tok));
        let mut counts = Counts::default();
        tokens.iter().for_each(|tok| counts.add(tok));
        let mut valences = Valences::new(&counts);
        for i in 0..tokens.len() {
            valences.push(valence(&tokens, i, counts.is_cap_diff()), i);
        }
        return valences.finish(&text);
    }
    let mut counts = Counts::default();
    for_each_token(&text, |tok| counts.add(&tok));
    let is_cap_diff = counts.is_cap_diff();
    let mut valences = Valences::new(&counts);
    // Tokens `first ..` of the text; token `next` is scored once the two after it are in
    // (or the text has ended), and `first` stays at most `next - 3`, so the window holds every
    // token the rules look at and gives the same answers as the whole list to "is there a
    // token 1, 2, 3 before, 1, 2 after".
    let mut window = Vec::new();
    let (mut first, mut next) = (0, 0);
    for_each_token(&text, |tok| {
        window.push(tok);
        while first + window.len() >= next + 3 {
            valences.push(valence(&window, next - first, is_cap_diff), next);
            next += 1;
        }
        if next - first > window_tokens.max(3) {
            window.drain(..next - 3 - first);
            first = next - 3;
        }
    });
    while next < counts.n {
        valences.push(valence(&window, next - first, is_cap_diff), next);
        next += 1;
    }
    valences.finish(&text)
}

/// Texts up to this many bytes have their tokens made once and kept (faster); longer texts
/// have them made twice and not kept (less memory).
pub const BUFFERED_TEXT_BYTES: usize = 64 << 10;

/// Streamed tokens are dropped from the front of the window once it holds about this many.
const WINDOW_TOKENS: usize = 4096;

/// What the rules need to know of the whole token list before the first valence.
#[derive(Default)]
struct Counts {
    /// Tokens.
    n: usize,
    /// ALL-CAPS tokens.
    upper: usize,
    /// The index of the first "but".
    but: Option<usize>,
}

impl Counts {
    fn add(&mut self, tok: &Token) {
        if self.but.is_none() && tok.word() == Word::But {
            self.but = Some(self.n);
        }
        self.upper += usize::from(tok.upper);
        self.n += 1;
    }

    fn is_cap_diff(&self) -> bool {
        allcap_differential(self.n, self.upper)
    }
}

/// The valence of token `i` (`sentiments.append` in `polarity_scores`): 0 for a booster and
/// for "kind" in "kind of", else `sentiment_valence`.
fn valence(tokens: &[Token], i: usize, is_cap_diff: bool) -> f64 {
    let Some(tok) = tokens.get(i) else { return 0.0 };
    let next = tokens.get(i + 1);
    if tok.info.booster != Booster::None
        || (tok.info.word == Word::Kind && next.is_some_and(|t| t.info.word == Word::Of))
    {
        0.0
    } else {
        sentiment_valence(tokens, i, is_cap_diff)
    }
}

/// The valences, in order: added to the sums at once, or, with a "but", kept for
/// `_but_check`, which needs them in order. Only the non-zero ones are kept, with the "but"'s
/// own 0.0 (no lexicon word is "but") marking its place: scaling a zero leaves a zero, and
/// `list.index` of a non-zero value never lands on one, so the other zeros change nothing
/// there.
struct Valences {
    but: Option<usize>,
    sums: Sums,
    kept: Vec<f64>,
    kept_bi: usize,
}

impl Valences {
    fn new(counts: &Counts) -> Valences {
        Valences {
            but: counts.but,
            sums: Sums::default(),
            kept: Vec::new(),
            kept_bi: 0,
        }
    }

    /// Token `i`'s valence.
    fn push(&mut self, valence: f64, i: usize) {
        if self.but == Some(i) {
            self.kept_bi = self.kept.len();
            self.kept.push(valence);
        } else if self.but.is_some() && valence != 0.0 {
            self.kept.push(valence);
        } else {
            self.sums.add(valence);
        }
    }

    fn finish(mut self, text: &str) -> VaderScores {
        if self.but.is_some() {
            but_check(&mut self.kept, self.kept_bi);
            for &valence in &self.kept {
                self.sums.add(valence);
            }
        }
        score_valence(&self.sums, text)
    }
}

/// The sums `score_valence` and `_sift_sentiment_scores` take over the valences, each added in
/// the order of the tokens. Zeros are only counted: adding a zero to a sum that starts at
/// +0.0 never changes it.
#[derive(Default)]
struct Sums {
    /// `sum(sentiments)`, non-zero terms in order.
    sum: f64,
    /// `pos_sum`: `s + 1` for every `s > 0`.
    pos: f64,
    /// `neg_sum`: `s - 1` for every `s < 0`.
    neg: f64,
    /// `neu_count`: the zeros.
    neu: usize,
    /// `len(sentiments)`.
    len: usize,
}

impl Sums {
    fn add(&mut self, s: f64) {
        self.len += 1;
        if s > 0.0 {
            self.sum += s;
            self.pos += s + 1.0;
        }
        if s < 0.0 {
            self.sum += s;
            self.neg += s - 1.0;
        }
        if s == 0.0 {
            self.neu += 1;
        }
    }
}

/// One token of `SentiText.words_and_emoticons`, with what the rules ask about it.
#[derive(Clone, Copy)]
struct Token {
    /// Table entries for the token's `lower()`.
    info: Info,
    /// `negated([token])`: its `lower()` is in `NEGATE` or contains `n't`.
    negated: bool,
    /// `token.isupper()`.
    upper: bool,
}

impl Token {
    fn word(&self) -> Word {
        self.info.word
    }

    fn in_lexicon(&self) -> bool {
        self.info.valence.is_some()
    }
}

/// The emoji loop at the top of `polarity_scores`: each code point that is an emoji key becomes
/// its description, preceded by a space unless the text so far ends in `' '`. (The `.strip()`
/// that follows changes neither the tokens nor the `!`/`?` counts, so it is not done.)
fn replace_emoji(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let Some(first) = text
        .char_indices()
        .find(|&(_, c)| lexicon::emoji_description(c).is_some())
    else {
        return Cow::Borrowed(text);
    };
    let (head, tail) = text.split_at_checked(first.0).unwrap_or(("", text));
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(head);
    let mut prev_space = head.is_empty() || head.ends_with(' ');
    for c in tail.chars() {
        if let Some(description) = lexicon::emoji_description(c) {
            if !prev_space {
                out.push(' ');
            }
            out.push_str(description);
            prev_space = false;
        } else {
            out.push(c);
            prev_space = c == ' ';
        }
    }
    Cow::Owned(out)
}

/// `SentiText._words_and_emoticons`: `str.split()`, then `_strip_punc_if_word` on each word,
/// each token given to `f` in order.
fn for_each_token(text: &str, mut f: impl FnMut(Token)) {
    let lexicon = lexicon::Lexicon::get();
    let mut lower = String::new();
    if text.is_ascii() {
        // Python's ASCII whitespace: \t \n \v \f \r, the separators \x1c-\x1f, and space.
        let words = text
            .as_bytes()
            .split(|&b| matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' '));
        for word in words.filter(|w| !w.is_empty()) {
            f(ascii_token(lexicon, strip_punc_if_word_ascii(word)));
        }
    } else {
        for word in pychar::split_whitespace(text) {
            let token = strip_punc_if_word(word);
            if token.is_ascii() {
                f(ascii_token(lexicon, token.as_bytes()));
                continue;
            }
            lower.clear();
            pychar::lower_into(token, &mut lower);
            let info = lexicon.lookup(lower.as_bytes());
            let negated = info.negate || lower.contains("n't");
            f(Token {
                info,
                negated,
                upper: pychar::str_is_upper(token),
            });
        }
    }
}

/// A [`Token`] for an ASCII token: `lower()` is ASCII lower-casing, `isupper()` is "some A-Z
/// and no a-z".
fn ascii_token(lexicon: lexicon::Lexicon, token: &[u8]) -> Token {
    let mut key = [0u8; lexicon::MAX_KEY_LEN];
    let info = match key.get_mut(..token.len()) {
        Some(key) => {
            for (k, &b) in key.iter_mut().zip(token) {
                *k = b.to_ascii_lowercase();
            }
            lexicon.lookup(key)
        }
        None => Info::NONE,
    };
    let negated = info.negate
        || token
            .windows(3)
            .any(|w| matches!(w, [b'n' | b'N', b'\'', b't' | b'T']));
    let upper =
        token.iter().any(u8::is_ascii_uppercase) && !token.iter().any(u8::is_ascii_lowercase);
    Token {
        info,
        negated,
        upper,
    }
}

/// `SentiText._strip_punc_if_word`: `token.strip(string.punctuation)`, unless that leaves two
/// characters or fewer (an emoticon such as `:)`), in which case the token is kept whole.
fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().nth(2).is_none() {
        token
    } else {
        stripped
    }
}

/// [`strip_punc_if_word`] for an ASCII token (one byte per character).
fn strip_punc_if_word_ascii(token: &[u8]) -> &[u8] {
    let start = token
        .iter()
        .position(|b| !b.is_ascii_punctuation())
        .unwrap_or(token.len());
    let end = token
        .iter()
        .rposition(|b| !b.is_ascii_punctuation())
        .map_or(start, |e| e + 1);
    match token.get(start..end) {
        Some(stripped) if stripped.len() > 2 => stripped,
        _ => token,
    }
}

/// `allcap_differential`: some, but not all, of the `n` tokens are ALL CAPS (`upper` are).
fn allcap_differential(n: usize, upper: usize) -> bool {
    let differential = n - upper;
    0 < differential && differential < n
}

/// `scalar_inc_dec`: what a preceding booster/dampener adds to `valence`.
fn scalar_inc_dec(tok: &Token, valence: f64, is_cap_diff: bool) -> f64 {
    let mut scalar = match tok.info.booster {
        Booster::None => return 0.0,
        Booster::Incr => B_INCR,
        Booster::Decr => B_DECR,
    };
    if valence < 0.0 {
        scalar = -scalar;
    }
    if tok.upper && is_cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

/// `SentimentIntensityAnalyzer.sentiment_valence` for token `i` (0 if it is not in the lexicon).
fn sentiment_valence(tokens: &[Token], i: usize, is_cap_diff: bool) -> f64 {
    let at = |j: usize| tokens.get(j);
    let word_at = |j: usize| at(j).map_or(Word::Other, Token::word);
    let Some(tok) = at(i) else { return 0.0 };
    let Some(lex_valence) = tok.info.valence else {
        return 0.0;
    };
    let mut valence = lex_valence;

    // "no" as a negation of the next lexicon word rather than a lexicon word itself.
    if tok.word() == Word::No && at(i + 1).is_some_and(Token::in_lexicon) {
        valence = 0.0;
    }
    if (i > 0 && word_at(i - 1) == Word::No)
        || (i > 1 && word_at(i - 2) == Word::No)
        || (i > 2 && word_at(i - 3) == Word::No && matches!(word_at(i - 1), Word::Or | Word::Nor))
    {
        valence = lex_valence * N_SCALAR;
    }

    if tok.upper && is_cap_diff {
        if valence > 0.0 {
            valence += C_INCR;
        } else {
            valence -= C_INCR;
        }
    }

    for start_i in 0..3 {
        if i <= start_i {
            break;
        }
        let Some(prev) = at(i - (start_i + 1)) else {
            break;
        };
        if prev.in_lexicon() {
            continue;
        }
        let mut s = scalar_inc_dec(prev, valence, is_cap_diff);
        if start_i == 1 && s != 0.0 {
            s *= 0.95;
        }
        if start_i == 2 && s != 0.0 {
            s *= 0.9;
        }
        valence += s;
        valence = negation_check(valence, tokens, start_i, i);
        if start_i == 2 {
            valence = special_idioms_check(valence, tokens, i);
        }
    }

    least_check(valence, tokens, i)
}

/// `_negation_check` for the token `start_i + 1` places before token `i` (`i > start_i`).
fn negation_check(valence: f64, tokens: &[Token], start_i: usize, i: usize) -> f64 {
    let word_at = |back: usize| {
        i.checked_sub(back)
            .and_then(|j| tokens.get(j))
            .map_or(Word::Other, Token::word)
    };
    let negated_at = |back: usize| {
        i.checked_sub(back)
            .and_then(|j| tokens.get(j))
            .is_some_and(|t| t.negated)
    };
    let so_or_this = |w: Word| matches!(w, Word::So | Word::This);
    match start_i {
        0 if negated_at(1) => valence * N_SCALAR,
        1 if word_at(2) == Word::Never && so_or_this(word_at(1)) => valence * 1.25,
        1 if word_at(2) == Word::Without && word_at(1) == Word::Doubt => valence,
        1 if negated_at(2) => valence * N_SCALAR,
        // Python's `a and b or c`: "so"/"this" right before the word counts on its own.
        2 if (word_at(3) == Word::Never && so_or_this(word_at(2))) || so_or_this(word_at(1)) => {
            valence * 1.25
        }
        2 if word_at(3) == Word::Without
            && (word_at(2) == Word::Doubt || word_at(1) == Word::Doubt) =>
        {
            valence
        }
        2 if negated_at(3) => valence * N_SCALAR,
        _ => valence,
    }
}

/// `_special_idioms_check` for token `i` (`i >= 3`): special-case phrases set the valence,
/// booster bigrams before the word add to it. Tokens hold no spaces, so comparing the
/// space-joined strings is comparing the words one by one.
fn special_idioms_check(valence: f64, tokens: &[Token], i: usize) -> f64 {
    let w = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .map_or(Word::Other, Token::word)
    };
    let back = |k: usize| w(i.checked_sub(k));
    let (zero, one, two, three) = (back(0), back(1), back(2), back(3));
    let special2 = |a: Word, b: Word| {
        special_cases_2()
            .iter()
            .find(|&&(x, y, _)| x == a && y == b)
            .map(|&(_, _, v)| v)
    };
    let special3 = |a: Word, b: Word, c: Word| {
        special_cases_3()
            .iter()
            .find(|&&(x, y, z, _)| x == a && y == b && z == c)
            .map(|e| e.3)
    };
    let booster2 = |a: Word, b: Word| {
        booster_bigrams()
            .iter()
            .find(|&&(x, y, _)| x == a && y == b)
            .map(|&(_, _, v)| v)
    };

    let mut valence = valence;
    // onezero, twoonezero, twoone, threetwoone, threetwo: the first one found wins.
    if let Some(v) = special2(one, zero)
        .or_else(|| special3(two, one, zero))
        .or_else(|| special2(two, one))
        .or_else(|| special3(three, two, one))
        .or_else(|| special2(three, two))
    {
        valence = v;
    }
    let n = tokens.len();
    if n - 1 > i
        && let Some(v) = special2(zero, w(Some(i + 1)))
    {
        valence = v;
    }
    if n - 1 > i + 1
        && let Some(v) = special3(zero, w(Some(i + 1)), w(Some(i + 2)))
    {
        valence = v;
    }
    // Booster n-grams threetwoone, threetwo, twoone: BOOSTER_DICT has no three-word keys.
    for (a, b) in [(three, two), (two, one)] {
        if let Some(v) = booster2(a, b) {
            valence += v;
        }
    }
    valence
}

/// `_least_check`: "least" before the word negates it, except in "at least" and "very least".
fn least_check(valence: f64, tokens: &[Token], i: usize) -> f64 {
    let Some(prev) = i.checked_sub(1).and_then(|j| tokens.get(j)) else {
        return valence;
    };
    if prev.in_lexicon() || prev.word() != Word::Least {
        return valence;
    }
    match i.checked_sub(2).and_then(|j| tokens.get(j)) {
        Some(before) if matches!(before.word(), Word::At | Word::Very) => valence,
        _ => valence * N_SCALAR,
    }
}

/// Above this many tokens [`but_check`] indexes the values instead of scanning for them.
const BUT_CHECK_SCAN_MAX: usize = 64;

/// `_but_check`, with its quirk: for each position `k` it looks up the value `sentiments[k]`
/// with `list.index`, which finds the FIRST equal value, and scales that one (by 0.5 before
/// the first "but", 1.5 after it, not at all at it).
fn but_check(sentiments: &mut [f64], bi: usize) {
    if sentiments.len() <= BUT_CHECK_SCAN_MAX {
        but_check_scan(sentiments, bi);
    } else {
        but_check_indexed(sentiments, bi);
    }
}

fn but_scaled(value: f64, si: usize, bi: usize) -> Option<f64> {
    match si.cmp(&bi) {
        std::cmp::Ordering::Less => Some(value * 0.5),
        std::cmp::Ordering::Greater => Some(value * 1.5),
        std::cmp::Ordering::Equal => None,
    }
}

/// [`but_check`] as Python runs it: a linear `list.index` per position.
fn but_check_scan(sentiments: &mut [f64], bi: usize) {
    for k in 0..sentiments.len() {
        let Some(&value) = sentiments.get(k) else {
            break;
        };
        let si = sentiments.iter().position(|&x| x == value).unwrap_or(k);
        if let (Some(scaled), Some(slot)) = (but_scaled(value, si, bi), sentiments.get_mut(si)) {
            *slot = scaled;
        }
    }
}

/// Equal floats (0.0 and -0.0 included) share a key.
fn value_key(value: f64) -> u64 {
    if value == 0.0 { 0 } else { value.to_bits() }
}

/// [`but_check`] in O(n log n): the positions before `k`, grouped by current value, give
/// `list.index` (positions after `k` are not yet changed, and `k` itself matches).
fn but_check_indexed(sentiments: &mut [f64], bi: usize) {
    let mut seen: BTreeMap<u64, BTreeSet<usize>> = BTreeMap::new();
    for k in 0..sentiments.len() {
        let Some(&value) = sentiments.get(k) else {
            break;
        };
        let key = value_key(value);
        let first = seen.get(&key).and_then(|set| set.first().copied());
        let si = first.unwrap_or(k);
        if let (Some(scaled), Some(slot)) = (but_scaled(value, si, bi), sentiments.get_mut(si)) {
            *slot = scaled;
            if si < k {
                if let Some(set) = seen.get_mut(&key) {
                    set.remove(&si);
                }
                seen.entry(value_key(scaled)).or_default().insert(si);
            }
        }
        let now = sentiments.get(k).copied().unwrap_or(value);
        seen.entry(value_key(now)).or_default().insert(k);
    }
}

/// `_punctuation_emphasis`: up to four `!` add 0.292 each; two or three `?` add 0.18 each,
/// more add 0.96.
fn punctuation_emphasis(text: &str) -> f64 {
    let (mut ep, mut qm) = (0usize, 0usize);
    for b in text.bytes() {
        ep += usize::from(b == b'!');
        qm += usize::from(b == b'?');
    }
    let ep_amplifier = ep.min(4) as f64 * 0.292;
    let qm_amplifier = match qm {
        0 | 1 => 0.0,
        2 | 3 => qm as f64 * 0.18,
        _ => 0.96,
    };
    ep_amplifier + qm_amplifier
}

/// `normalize` with `alpha = 15`.
fn normalize(score: f64) -> f64 {
    (score / (score * score + 15.0).sqrt()).clamp(-1.0, 1.0)
}

/// `score_valence`: sums, punctuation emphasis, proportions and rounding.
fn score_valence(sums: &Sums, text: &str) -> VaderScores {
    if sums.len == 0 {
        return VaderScores {
            neg: 0.0,
            neu: 0.0,
            pos: 0.0,
            compound: 0.0,
        };
    }
    let mut sum_s = sums.sum;
    let punct_emph_amplifier = punctuation_emphasis(text);
    if sum_s > 0.0 {
        sum_s += punct_emph_amplifier;
    } else if sum_s < 0.0 {
        sum_s -= punct_emph_amplifier;
    }
    let compound = normalize(sum_s);

    // _sift_sentiment_scores
    let (mut pos_sum, mut neg_sum, neu_count) = (sums.pos, sums.neg, sums.neu);
    if pos_sum > f64::abs(neg_sum) {
        pos_sum += punct_emph_amplifier;
    } else if pos_sum < f64::abs(neg_sum) {
        neg_sum -= punct_emph_amplifier;
    }
    let total = pos_sum + f64::abs(neg_sum) + neu_count as f64;
    VaderScores {
        neg: py_round(f64::abs(neg_sum / total), 3),
        neu: py_round(f64::abs(neu_count as f64 / total), 3),
        pos: py_round(f64::abs(pos_sum / total), 3),
        compound: py_round(compound, 4),
    }
}

/// Python's `round(x, ndigits)` for a float: `x` rounded to the nearest multiple of
/// 10^-ndigits, ties to even, on the exact binary value (CPython's `double_round`, which
/// rounds with `_Py_dg_dtoa` mode 3 and reads the decimal back with `_Py_dg_strtod`).
/// Exact when `ndigits <= 15` and `|x| * 10^ndigits < 2^52` (here |x| <= 1); larger values
/// are returned as they are.
fn py_round(x: f64, ndigits: i32) -> f64 {
    let p = 10f64.powi(ndigits);
    let ax = x.abs();
    let y = ax * p;
    if y.is_nan() || y >= 4_503_599_627_370_496.0 {
        return x;
    }
    let floor = y.floor();
    // Both exact: y < 2^52, and the difference only matters where frac is near 0.5 (Sterbenz).
    let diff = (y - floor) - 0.5;
    let up = if diff.abs() > y * f64::EPSILON {
        // |ax * p - y| <= ulp(y) / 2 < |diff|: the rounding of the product cannot matter.
        diff > 0.0
    } else {
        // The product's exact rounding error; the sign of (diff + err) rounded is exact.
        let err = ax.mul_add(p, -y);
        let t = diff + err;
        if t == 0.0 {
            floor % 2.0 != 0.0
        } else {
            t > 0.0
        }
    };
    let digits = if up { floor + 1.0 } else { floor };
    // An integer over 10^ndigits, correctly rounded: the double nearest to the decimal.
    (digits / p).copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(text: &str) -> (f64, f64, f64, f64) {
        let s = polarity_scores(text);
        (s.neg, s.neu, s.pos, s.compound)
    }

    /// vaderSentiment 3.3.2's values for some of its own demo sentences.
    #[test]
    fn matches_the_demo_sentences() {
        assert_eq!(
            scores("VADER is smart, handsome, and funny."),
            (0.0, 0.254, 0.746, 0.8316)
        );
        assert_eq!(
            scores("VADER is VERY SMART, handsome, and FUNNY!!!"),
            (0.0, 0.233, 0.767, 0.9342)
        );
        assert_eq!(
            scores("The book was only kind of good."),
            (0.0, 0.697, 0.303, 0.3832)
        );
        assert_eq!(scores("Not bad at all"), (0.0, 0.513, 0.487, 0.431));
        assert_eq!(
            scores("Catch utf-8 emoji such as 💘 and 💋 and 😁"),
            (0.0, 0.583, 0.417, 0.875)
        );
        assert_eq!(scores(""), (0.0, 0.0, 0.0, 0.0));
    }

    /// The format-based reference: Rust formats the exact binary value, ties to even.
    fn round_via_format(x: f64, ndigits: usize) -> f64 {
        format!("{x:.ndigits$}").parse().unwrap_or(f64::NAN)
    }

    #[test]
    fn py_round_matches_python() {
        // (x, ndigits, Python 3.11's round(x, ndigits))
        let cases = [
            (0.0005, 3, 0.001),
            (0.00015, 4, 0.0001),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (2.5, 0, 2.0),
            (0.0625, 3, 0.062),
            (-0.00001, 4, -0.0),
            (-0.0, 3, -0.0),
            (0.8316, 4, 0.8316),
            (1.0, 3, 1.0),
            (-0.99995, 4, -1.0),
            (0.99995, 4, 1.0),
            (0.4445, 3, 0.445),
            (0.1235, 3, 0.123),
        ];
        for (x, n, want) in cases {
            let got = py_round(x, n);
            assert_eq!(got.to_bits(), f64::to_bits(want), "round({x:?}, {n})");
        }
    }

    #[test]
    fn py_round_agrees_with_exact_decimal_formatting() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let r = next();
            let x = match r % 4 {
                // uniform in [-1, 1]
                0 => (r >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0,
                // near a tie: k/20000 and k/2000 nudged by a few ulps
                1 => {
                    let base = ((r >> 8) % 20_001) as f64 / 20_000.0;
                    f64::from_bits((base.to_bits() + ((r >> 60) & 7)).saturating_sub(3))
                }
                2 => ((r >> 8) % 2_001) as f64 / 2_000.0,
                // exact binary ties: k/2^m
                _ => ((r >> 8) % 4096) as f64 / 4096.0,
            };
            for n in [3, 4] {
                let got = py_round(x, n);
                let want = round_via_format(x, n as usize);
                assert_eq!(got, want, "round({x:?}, {n})");
            }
        }
    }

    fn but_cases() -> Vec<Vec<f64>> {
        let palette = [0.0, -0.0, 1.5, -1.5, 0.75, 3.0, 2.25, -0.74, 1.125, 0.5];
        let mut state = 7u64;
        let mut out = Vec::new();
        for len in 1..200 {
            let mut v = Vec::with_capacity(len);
            for _ in 0..len {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                v.push(palette[(state >> 33) as usize % palette.len()]);
            }
            out.push(v);
        }
        out
    }

    #[test]
    fn but_check_indexed_equals_the_scan() {
        for v in but_cases() {
            for bi in [0, 1, v.len() / 2, v.len().saturating_sub(1)] {
                let mut a = v.clone();
                let mut b = v.clone();
                but_check_scan(&mut a, bi);
                but_check_indexed(&mut b, bi);
                let bits = |s: &[f64]| s.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&a), bits(&b), "{v:?} bi={bi}");
            }
        }
    }

    #[test]
    fn but_check_scales_the_first_equal_value() {
        // Python: SentimentIntensityAnalyzer._but_check(words, sentiments) gives
        // [0.95, 0.95, 0, 2.8499999999999996] and [0.475, 0, 0.95, 2.8499999999999996].
        let mut s = vec![1.9, 1.9, 0.0, 1.9];
        but_check_scan(&mut s, 2);
        // k=0: 1.9 at 0 -> 0.95; k=1: 1.9 first at 1 -> 0.95; k=2: 0 at 2 = bi;
        // k=3: 1.9 first at 3 -> 2.85.
        assert_eq!(s, vec![0.95, 0.95, 0.0, 1.9 * 1.5]);
        let mut s = vec![1.9, 0.0, 0.95, 1.9];
        but_check_scan(&mut s, 1);
        // k=0: 1.9 -> 0.95 at 0; k=2: 0.95 first at 0 -> 0.475 at 0; k=3: 1.9 at 3 -> 2.85.
        assert_eq!(s, vec![0.475, 0.0, 0.95, 1.9 * 1.5]);
    }

    fn bits(s: VaderScores) -> [u64; 4] {
        [s.neg, s.neu, s.pos, s.compound].map(f64::to_bits)
    }

    /// The streamed path (tokens made twice, a window of them kept) against vaderSentiment's
    /// own values on every differential case.
    #[test]
    fn streamed_scores_equal_vadersentiment_on_the_differential_cases() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/diff/vader_cases.jsonl"
        );
        let cases = std::fs::read_to_string(path).unwrap();
        let mut count = 0;
        for line in cases.lines() {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = case["text"].as_str().unwrap();
            let want = ["neg", "neu", "pos", "compound"].map(|k| case[k].as_f64().unwrap());
            for window in [3, 4, 5, WINDOW_TOKENS] {
                let got = scores_with(text, 0, window);
                assert_eq!(
                    bits(got),
                    want.map(f64::to_bits),
                    "{text:?}, window {window}"
                );
            }
            count += 1;
        }
        assert!(count > 700, "{count} cases");
    }

    /// Long texts, with and without a "but", many tokens of valence (the indexed `_but_check`)
    /// and windows drained many times: streamed equals buffered, bit for bit.
    #[test]
    fn streamed_scores_equal_buffered_on_long_texts() {
        let tickets = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/customer_support_tickets.csv"
        ))
        .unwrap();
        let long: String = tickets.chars().take(400_000).collect();
        let texts = [
            long.replace(" but ", " yet "),
            long.clone(),
            "good bad :) but GREAT no not ".repeat(3000),
            "but ".to_string() + &"nice ".repeat(10_000) + "BUT kind of sad!!",
            format!("{long} 😁 but {long}"),
        ];
        for text in &texts {
            let buffered = bits(scores_with(text, usize::MAX, WINDOW_TOKENS));
            for window in [3, 100, WINDOW_TOKENS] {
                let streamed = bits(scores_with(text, 0, window));
                assert_eq!(streamed, buffered, "{}, window {window}", &text[..40]);
            }
        }
        assert!(texts[0].split_whitespace().count() > 2 * WINDOW_TOKENS);
    }

    #[test]
    fn but_is_not_a_lexicon_word() {
        // `Valences` marks the first "but" by its valence of 0.0.
        assert_eq!(
            lexicon::lookup(b"but"),
            Info {
                word: Word::But,
                ..Info::NONE
            }
        );
    }

    #[test]
    fn lexicon_lookup_finds_words_and_rejects_others() {
        assert_eq!(lexicon::lookup(b"good").valence, Some(1.9));
        assert_eq!(lexicon::lookup(b":)").valence, Some(2.0));
        assert_eq!(lexicon::lookup(b"no").word, Word::No);
        assert!(lexicon::lookup(b"no").valence.is_some());
        assert!(lexicon::lookup(b"aren't").negate);
        assert_eq!(lexicon::lookup(b"very").booster, Booster::Incr);
        assert_eq!(lexicon::lookup(b"sorta").booster, Booster::Decr);
        assert_eq!(lexicon::lookup(b"goodx"), Info::NONE);
        assert_eq!(lexicon::lookup(b""), Info::NONE);
        assert_eq!(lexicon::lookup(b":D"), Info::NONE);
        assert_eq!(
            lexicon::emoji_description('😁'),
            Some("beaming face with smiling eyes")
        );
        assert_eq!(lexicon::emoji_description('a'), None);
    }
}
