//! Golden test: the seed's stopword list is NLTK's, word for word and in NLTK's order
//! (`tests/data/golden/nltk_stopwords.txt`, dumped from NLTK 3.10.4 by
//! `tools/reference/dump_stopwords.py`), and `is_stopword` is membership in it. (The texts made
//! of these words in `tests/data/diff/clean_cases.jsonl` check what cleaning does with them.)

use ticket_insights::text::clean::{STOPWORDS, clean_text, is_stopword, seed_clean};

const GOLDEN: &str = include_str!("data/golden/nltk_stopwords.txt");

#[test]
fn stopwords_are_nltks_in_order() {
    let golden: Vec<&str> = GOLDEN.lines().collect();
    assert_eq!(golden.len(), 179);
    assert_eq!(STOPWORDS.as_slice(), golden.as_slice());
}

#[test]
fn is_stopword_is_membership_in_the_golden_list() {
    for word in GOLDEN.lines() {
        assert!(is_stopword(word), "{word}");
        for other in [format!("{word}s"), format!("x{word}"), word.to_uppercase()] {
            let listed = GOLDEN.lines().any(|w| w == other);
            assert_eq!(is_stopword(&other), listed, "{other}");
        }
    }
}

#[test]
fn a_text_of_all_stopwords_cleans_to_nothing() {
    let text = GOLDEN.lines().collect::<Vec<_>>().join(" ");
    assert_eq!(clean_text(&text), "");
    assert_eq!(seed_clean(&text), "");
    assert_eq!(seed_clean(&text.to_uppercase()), "");
}
