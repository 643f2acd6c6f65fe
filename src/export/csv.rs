//! Records of a delimited text export, read incrementally from chunks of any size: a quoted
//! field may span chunks and lines, and every record knows the line it starts on.
//!
//! csv-core (the engine of the `csv` crate) splits and unescapes fields. It never reports an
//! error: a quote left open swallows the rest of the file into one field, and a stray quote
//! glues several lines into one record, silently. So this module also watches the quoting
//! itself (a four-state machine over the bytes csv-core consumed) and keeps the raw bytes of the
//! record being read: a record that ends inside an open quote, or that spans several lines but
//! does not have the header's number of fields, is reported as [`Broken`] at the line where it
//! starts, and the lines after its first are read again as records of their own, so one bad
//! quote loses one row, not the rest of the file.

/// The largest record accepted, in bytes: a record longer than this is reported as
/// [`Broken::TooLong`] and skipped, so memory stays bounded whatever the input.
pub const MAX_RECORD_BYTES: usize = 32 << 20;

/// One record: its fields, unescaped, and the 1-based line it starts on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Line of the file where the record starts.
    pub line: u64,
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Record {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no field.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, unescaped.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.bytes.get(start..end)
    }

    /// Every field, in order.
    pub fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// A record of the given fields (for tests and callers that build records themselves).
    pub fn from_fields<'a>(line: u64, fields: impl IntoIterator<Item = &'a [u8]>) -> Record {
        let mut r = Record {
            line,
            ..Record::default()
        };
        for f in fields {
            r.bytes.extend_from_slice(f);
            r.ends.push(r.bytes.len());
        }
        r
    }
}

/// Why a stretch of the file is not a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// A quoted field opened on `line` is still open at the end of the file.
    UnclosedQuote,
    /// The record spans lines `line` to `last_line`, with `fields` fields where the header has
    /// `expected`, or with a quote that closes before more text: a quote that opens or closes
    /// in the wrong place.
    Misquoted {
        /// Last line of the damaged record.
        last_line: u64,
        /// Fields it has.
        fields: usize,
        /// Fields of the header.
        expected: usize,
    },
    /// The record is longer than [`MAX_RECORD_BYTES`].
    TooLong,
}

/// What the reader found, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A record.
    Record(Record),
    /// A stretch of the file starting on `line` that is no record.
    Broken {
        /// 1-based line where it starts.
        line: u64,
        /// What is wrong.
        reason: Broken,
    },
}

/// Where the quoting stands in the bytes consumed so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field (or of a record).
    FieldStart,
    /// In a field that did not open with a quote.
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// In a quoted field, just after a quote (which closes it unless another quote follows).
    Closing,
}

/// Reads records from chunks of a delimited file (UTF-8 or ASCII-compatible bytes).
pub struct Reader {
    delimiter: u8,
    core: csv_core::Reader,
    /// Unescaped bytes of the record being read.
    out: Vec<u8>,
    /// Field ends of the record being read.
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    /// Raw bytes of the record being read (for a re-read after damage).
    raw: Vec<u8>,
    quote: Quoting,
    /// Whether the record being read has seen a byte other than a line end.
    started: bool,
    /// Whether a quote of the record being read closed and was followed by more text (as in
    /// `"abc"def`), which RFC 4180 does not allow.
    stray: bool,
    /// 1-based line of the next byte.
    line: u64,
    /// Line where the record being read starts.
    record_line: u64,
    /// Fields of the header (the first record), once read.
    width: Option<usize>,
    /// Skipping the rest of an over-long line.
    skipping: bool,
}

impl Reader {
    /// A reader of fields separated by `delimiter`.
    pub fn new(delimiter: u8) -> Reader {
        Reader {
            delimiter,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            raw: Vec::new(),
            quote: Quoting::FieldStart,
            started: false,
            stray: false,
            line: 1,
            record_line: 1,
            width: None,
            skipping: false,
        }
    }

    /// Reads `chunk`, handing every complete record (or broken stretch) to `sink`.
    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn FnMut(Event)) {
        let mut pending = Vec::new();
        self.feed(chunk, &mut pending, sink);
        // Bytes to read again after a damaged record, oldest first; each re-read can only
        // shorten what remains, so this ends.
        while !pending.is_empty() {
            let again = std::mem::take(&mut pending);
            self.feed(&again, &mut pending, sink);
        }
    }

    /// Ends the input: hands over the last record, or reports the quote it leaves open.
    pub fn finish(&mut self, sink: &mut dyn FnMut(Event)) {
        loop {
            if self.started && self.quote == Quoting::Quoted {
                let line = self.record_line;
                let raw = std::mem::take(&mut self.raw);
                self.restart();
                sink(Event::Broken {
                    line,
                    reason: Broken::UnclosedQuote,
                });
                if let Some(rest) = after_first_line(&raw) {
                    self.line = line + 1;
                    self.push(rest, sink);
                    continue;
                }
                return;
            }
            let mut pending = Vec::new();
            self.step(&[], &mut pending, sink);
            if pending.is_empty() {
                return;
            }
            self.push(&pending, sink);
        }
    }

    /// Forgets the record being read.
    fn restart(&mut self) {
        self.core.reset();
        self.nout = 0;
        self.nend = 0;
        self.raw.clear();
        self.quote = Quoting::FieldStart;
        self.started = false;
        self.stray = false;
    }

    fn feed(&mut self, mut input: &[u8], pending: &mut Vec<u8>, sink: &mut dyn FnMut(Event)) {
        while !input.is_empty() {
            if self.skipping {
                match input.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        self.skipping = false;
                        self.line += 1;
                        input = &input[i + 1..];
                    }
                    None => return,
                }
                continue;
            }
            let used = self.step(input, pending, sink);
            input = &input[used..];
            if !pending.is_empty() {
                // Read the rest of the damaged record again, then the rest of this chunk.
                pending.extend_from_slice(input);
                return;
            }
        }
    }

    /// One call of csv-core on `input` (empty: the end of the file); returns the bytes used.
    fn step(&mut self, input: &[u8], pending: &mut Vec<u8>, sink: &mut dyn FnMut(Event)) -> usize {
        use csv_core::ReadRecordResult as R;
        let (result, nin, nout, nend) = self.core.read_record(
            input,
            &mut self.out[self.nout..],
            &mut self.ends[self.nend..],
        );
        self.track(&input[..nin]);
        self.nout += nout;
        self.nend += nend;
        match result {
            R::InputEmpty | R::End => {}
            R::OutputFull => {
                let len = self.out.len() * 2;
                self.out.resize(len, 0);
            }
            R::OutputEndsFull => {
                let len = self.ends.len() * 2;
                self.ends.resize(len, 0);
            }
            R::Record => self.emit(pending, sink),
        }
        if self.raw.len() > MAX_RECORD_BYTES {
            let line = self.record_line;
            let raw = std::mem::take(&mut self.raw);
            self.restart();
            sink(Event::Broken {
                line,
                reason: Broken::TooLong,
            });
            match after_first_line(&raw) {
                Some(rest) => {
                    self.line = line + 1;
                    pending.extend_from_slice(rest);
                }
                None => self.skipping = true,
            }
        }
        nin
    }

    /// Follows the quoting, the line count and the raw bytes over `bytes`.
    fn track(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        for &b in bytes {
            if !self.started && b != b'\n' && b != b'\r' {
                self.started = true;
                self.record_line = self.line;
            }
            if b == b'\n' {
                self.line += 1;
            }
            self.quote = match (self.quote, b) {
                (Quoting::FieldStart, b'"') => Quoting::Quoted,
                (Quoting::Quoted, b'"') => Quoting::Closing,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (Quoting::Closing, b'"') => Quoting::Quoted,
                (_, b'\n' | b'\r') => Quoting::FieldStart,
                (_, d) if d == self.delimiter => Quoting::FieldStart,
                (Quoting::Closing, _) => {
                    self.stray = true;
                    Quoting::Unquoted
                }
                _ => Quoting::Unquoted,
            };
        }
    }

    /// Hands over the record just completed (or reports it damaged and schedules a re-read).
    fn emit(&mut self, pending: &mut Vec<u8>, sink: &mut dyn FnMut(Event)) {
        let fields = self.nend;
        let line = self.record_line;
        let spans_lines = self.line > line + 1
            || self
                .raw
                .iter()
                .rposition(|&b| b != b'\n' && b != b'\r')
                .is_some_and(|last| self.raw[..last].contains(&b'\n'));
        let width = *self.width.get_or_insert(fields);
        if spans_lines && (fields != width || self.stray) {
            let raw = std::mem::take(&mut self.raw);
            let last_line = line + raw_lines(&raw).saturating_sub(1);
            self.restart();
            sink(Event::Broken {
                line,
                reason: Broken::Misquoted {
                    last_line,
                    fields,
                    expected: width,
                },
            });
            if let Some(rest) = after_first_line(&raw) {
                self.line = line + 1;
                pending.extend_from_slice(rest);
            }
            return;
        }
        let record = Record {
            line,
            bytes: self.out[..self.nout].to_vec(),
            ends: self.ends[..self.nend].to_vec(),
        };
        self.nout = 0;
        self.nend = 0;
        self.raw.clear();
        self.started = false;
        self.stray = false;
        self.quote = Quoting::FieldStart;
        sink(Event::Record(record));
    }
}

/// Lines `raw` spans, not counting trailing line ends.
fn raw_lines(raw: &[u8]) -> u64 {
    let body = match raw.iter().rposition(|&b| b != b'\n' && b != b'\r') {
        Some(last) => &raw[..=last],
        None => return 0,
    };
    1 + body.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The bytes after the first line of `raw` (leading blank lines skipped), if any remain.
fn after_first_line(raw: &[u8]) -> Option<&[u8]> {
    let start = raw.iter().position(|&b| b != b'\n' && b != b'\r')?;
    let newline = raw[start..].iter().position(|&b| b == b'\n')?;
    let rest = &raw[start + newline + 1..];
    (!rest.is_empty()).then_some(rest)
}

/// Delimiters a file may use, in the order ties are broken.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter of a file that starts with `head`: the candidate that splits the first lines
/// into the same number of fields (more than one) most consistently.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let mut reader = Reader::new(delimiter);
        let mut counts = Vec::new();
        let mut sink = |e: Event| {
            if let Event::Record(r) = e
                && counts.len() < 100
            {
                counts.push(r.len());
            }
        };
        // Whole lines only: a cut-off last record would count short.
        let end = head
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(head.len(), |i| i + 1);
        reader.push(&head[..end], &mut sink);
        if end == head.len() {
            reader.finish(&mut sink);
        }
        let Some(&header) = counts.first() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let agree = counts.iter().filter(|&&c| c == header).count();
        if (agree, header) > (best.1, best.2) {
            best = (delimiter, agree, header);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything `chunks` reads to, records as `line: a|b|c`.
    fn read(delimiter: u8, chunks: &[&[u8]]) -> Vec<String> {
        let mut reader = Reader::new(delimiter);
        let mut out = Vec::new();
        let mut sink = |e: Event| {
            out.push(match e {
                Event::Record(r) => format!(
                    "{}: {}",
                    r.line,
                    r.fields()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect::<Vec<_>>()
                        .join("|")
                ),
                Event::Broken { line, reason } => format!("{line}: broken {reason:?}"),
            })
        };
        for c in chunks {
            reader.push(c, &mut sink);
        }
        reader.finish(&mut sink);
        out
    }

    fn in_pieces(delimiter: u8, text: &[u8], size: usize) -> Vec<String> {
        let chunks: Vec<&[u8]> = text.chunks(size.max(1)).collect();
        read(delimiter, &chunks)
    }

    #[test]
    fn quoted_fields_span_lines_and_lines_are_counted() {
        let text = b"id,text,n\r\n1,\"two\r\nlines, \"\"quoted\"\"\",3\r\n\r\n2,plain,4\r\n3,,\n";
        let want = [
            "1: id|text|n",
            "2: 1|two\r\nlines, \"quoted\"|3",
            "5: 2|plain|4",
            "6: 3||",
        ];
        for size in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(in_pieces(b',', text, size), want, "chunks of {size}");
        }
    }

    #[test]
    fn an_unclosed_quote_loses_its_own_row_only() {
        let text = b"id,age,priority,text\n1,30,Low,fine\n2,31,High,\"oops unclosed\n3,40,Low,ok\n4,41,Low,\"quoted, fine\"\n5,50,High,last";
        let want = [
            "1: id|age|priority|text",
            "2: 1|30|Low|fine",
            "3: broken Misquoted { last_line: 5, fields: 5, expected: 4 }",
            "4: 3|40|Low|ok",
            "5: 4|41|Low|quoted, fine",
            "6: 5|50|High|last",
        ];
        for size in [1, 5, 4096] {
            assert_eq!(in_pieces(b',', text, size), want, "chunks of {size}");
        }
    }

    #[test]
    fn a_stray_quote_that_glues_lines_is_reported_and_the_lines_read_again() {
        // Line 3's quote opens, and line 5's first quote closes it: csv-core alone would return
        // one record from line 3 to line 5 with a wrong number of fields.
        let text = b"a,b,c\n1,x,y\n2,\"oops,z\n3,p,q\n4,\"fine\",r\n5,s,t\n";
        assert_eq!(
            in_pieces(b',', text, 3),
            [
                "1: a|b|c",
                "2: 1|x|y",
                "3: broken Misquoted { last_line: 5, fields: 3, expected: 3 }",
                "4: 3|p|q",
                "5: 4|fine|r",
                "6: 5|s|t",
            ]
        );
    }

    #[test]
    fn a_quote_left_open_at_the_end_is_reported() {
        let text = b"a,b\n1,\"open\n2,x\n3,y";
        for size in [1, 4096] {
            assert_eq!(
                in_pieces(b',', text, size),
                ["1: a|b", "2: broken UnclosedQuote", "3: 2|x", "4: 3|y"]
            );
        }
    }

    #[test]
    fn a_single_line_with_too_many_fields_is_a_record_for_the_caller_to_judge() {
        assert_eq!(read(b',', &[b"a,b\n1,2,3\n"]), ["1: a|b", "2: 1|2|3"]);
    }

    #[test]
    fn over_long_records_are_skipped_with_bounded_memory() {
        let mut text = b"a,b\n1,".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        text.extend_from_slice(b"\n2,ok\n");
        let chunks: Vec<&[u8]> = text.chunks(1 << 20).collect();
        assert_eq!(
            read(b',', &chunks),
            ["1: a|b", "2: broken TooLong", "3: 2|ok"]
        );
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1;\"x;y\";3\n2;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a,b;c\n1,2;3\n"), b',');
        assert_eq!(sniff_delimiter(b"only one column\nx\n"), b',');
        assert_eq!(sniff_delimiter(b"a|b|c\n1|2|3\n4|5|6"), b'|');
    }
}
