//! Records packed one after another, for the lists a line can hold hundreds of
//! thousands of (candidates, repairs): numbers as LEB128 varints (most fit a
//! byte), texts in one shared `String`. A fixed-size record of the same fields
//! would cost ~100 bytes; one allocation per text, more. Every such list is
//! read in order, so nothing is lost by giving up random access.

use std::ops::Range;

/// Packed records: written with the `put_*` methods, read back in the same
/// order with a [`Reader`].
#[derive(Debug, Default, Clone)]
pub(crate) struct Packed {
    bytes: Vec<u8>,
    /// The records' texts, one after another.
    text: String,
    /// How many records were written (counted by the writer).
    records: usize,
    /// Where the last span written ended: spans are stored from there.
    last_end: usize,
}

impl Packed {
    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.text.clear();
        self.records = 0;
        self.last_end = 0;
    }

    /// How many records were written.
    pub(crate) fn len(&self) -> usize {
        self.records
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Counts one more record.
    #[inline]
    pub(crate) fn end_record(&mut self) {
        self.records += 1;
    }

    #[inline]
    pub(crate) fn put(&mut self, n: usize) {
        // Most numbers are small: one byte, without the loop.
        if n < 0x80 {
            self.bytes.push(n as u8);
        } else {
            self.put_long(n);
        }
    }

    #[inline(never)]
    fn put_long(&mut self, n: usize) {
        let mut n = n as u64;
        while n >= 0x80 {
            self.bytes.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    #[inline]
    pub(crate) fn put_int(&mut self, n: i64) {
        // Zigzag: small negative numbers stay short too.
        self.put(((n << 1) ^ (n >> 63)) as usize);
    }

    /// A byte range, as its distance from the previous one (records are mostly in
    /// order: a byte or two) and its length. Out-of-order spans cost more, but
    /// read back the same (the distance wraps).
    #[inline]
    pub(crate) fn put_span(&mut self, span: &Range<usize>) {
        self.put(span.start.wrapping_sub(self.last_end));
        self.put(span.end - span.start);
        self.last_end = span.end;
    }

    #[inline]
    pub(crate) fn put_text(&mut self, text: &str) {
        self.text.push_str(text);
        self.put(text.len());
    }

    #[inline]
    pub(crate) fn put_bytes(&mut self, bytes: &[u8]) {
        self.put(bytes.len());
        self.bytes.extend_from_slice(bytes);
    }

    pub(crate) fn reader(&self) -> Reader<'_> {
        Reader {
            bytes: &self.bytes,
            text: &self.text,
            at: 0,
            text_at: 0,
            last_end: 0,
        }
    }
}

/// Reads [`Packed`] records back, field by field in the order they were written.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    text_at: usize,
    last_end: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    pub(crate) fn get(&mut self) -> usize {
        let b = self.bytes[self.at];
        self.at += 1;
        if b < 0x80 {
            usize::from(b)
        } else {
            self.get_long(b)
        }
    }

    /// The rest of a number whose first byte is `first`.
    #[inline(never)]
    fn get_long(&mut self, first: u8) -> usize {
        let mut n = u64::from(first & 0x7F);
        let mut shift = 7;
        loop {
            let b = self.bytes[self.at];
            self.at += 1;
            n |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return n as usize;
            }
            shift += 7;
        }
    }

    #[inline]
    pub(crate) fn get_int(&mut self) -> i64 {
        let n = self.get() as u64;
        ((n >> 1) as i64) ^ -((n & 1) as i64)
    }

    #[inline]
    pub(crate) fn get_span(&mut self) -> Range<usize> {
        let start = self.last_end.wrapping_add(self.get());
        let end = start + self.get();
        self.last_end = end;
        start..end
    }

    #[inline]
    pub(crate) fn get_text(&mut self) -> &'a str {
        let len = self.get();
        let text = &self.text[self.text_at..self.text_at + len];
        self.text_at += len;
        text
    }

    #[inline]
    pub(crate) fn get_bytes(&mut self) -> &'a [u8] {
        let len = self.get();
        let bytes = &self.bytes[self.at..self.at + len];
        self.at += len;
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_as_written() {
        let mut p = Packed::default();
        let spans = [3..9, 9..9, 2..5, usize::MAX - 4..usize::MAX, 0..1];
        for (i, span) in spans.iter().enumerate() {
            p.put_span(span);
            p.put(i * 1000);
            p.put(usize::MAX >> i);
            p.put_int(-(i as i64) * 77);
            p.put_int(i64::MIN + i as i64);
            p.put_text(&"é中".repeat(i));
            p.put_bytes(&[i as u8; 3][..i % 3]);
            p.end_record();
        }
        assert_eq!(p.len(), spans.len());
        let mut r = p.reader();
        for (i, span) in spans.iter().enumerate() {
            assert_eq!(&r.get_span(), span);
            assert_eq!(r.get(), i * 1000);
            assert_eq!(r.get(), usize::MAX >> i);
            assert_eq!(r.get_int(), -(i as i64) * 77);
            assert_eq!(r.get_int(), i64::MIN + i as i64);
            assert_eq!(r.get_text(), "é中".repeat(i));
            assert_eq!(r.get_bytes(), &[i as u8; 3][..i % 3]);
        }
    }
}
