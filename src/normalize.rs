//! Unicode normalization, without surprises for CJK text.

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

/// Which Unicode normalization form to apply.
///
/// `Nfkc` folds full-width punctuation (`，` to `,`) and the ideographic space: it
/// changes clean Chinese text, so it is never a default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Normalization {
    /// Leave the text as it is.
    #[default]
    None,
    /// Canonical composition: changes no CJK punctuation.
    Nfc,
    /// Compatibility composition: folds width forms; lossy for CJK typography.
    Nfkc,
}

impl fmt::Display for Normalization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Normalization::None => "none",
            Normalization::Nfc => "NFC",
            Normalization::Nfkc => "NFKC",
        })
    }
}

/// Normalizes `text` to `form`, borrowing when it already is.
///
/// ```
/// use textwash::{Normalization, normalize};
/// assert_eq!(normalize("cafe\u{301}", Normalization::Nfc), "café");
/// assert!(matches!(normalize("中文，标点", Normalization::Nfc), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn normalize(text: &str, form: Normalization) -> Cow<'_, str> {
    let quick = match form {
        Normalization::None => return Cow::Borrowed(text),
        Normalization::Nfc => is_nfc_quick(text.chars()),
        Normalization::Nfkc => is_nfkc_quick(text.chars()),
    };
    if quick == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let out: String = match form {
        Normalization::Nfc => text.nfc().collect(),
        _ => text.nfkc().collect(),
    };
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}
