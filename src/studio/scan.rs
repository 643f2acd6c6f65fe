//! The page's streamed analysis of an export: a [`Scan`] reads the file in chunks (the page's
//! coordinating worker feeds it `File.stream()`), never holding it whole, and cuts its tickets
//! into [`Batch`]es that [`Scorer`]s (one per scoring worker, each its own module instance)
//! score in parallel; the scores come back through [`Scan::accept`] in file order, so the
//! [`Analysis`] is the one [`super::analyze`] gives for the whole file, bit for bit, whatever the
//! chunking and the number of scorers.
//!
//! What a scan keeps besides the reader's bounded state: the tickets of the batches in flight
//! and the analysis's accumulators (a few numbers per ticket, exact word counts, the category
//! counts, which the inspection reads too); ticket ids for the duplicate check are tracked up
//! to [`TRACKED_IDS`].

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::{Reading, Understood};
use crate::analysis::{self, Analysis, Analyzer, Scores};
use crate::export::{self, Export, Row, Summary};
use crate::inspect::Inspection;
use crate::model::artifact::Model;
use crate::ticket::Ticket;
use crate::{Error, Result};

/// Tickets per batch, at most.
pub const BATCH_TICKETS: usize = 512;

/// Text bytes (descriptions and subjects) per batch, at most (long tickets make smaller batches).
pub const BATCH_TEXT_BYTES: usize = 256 * 1024;

/// Distinct ticket ids a scan tracks for repeats (as the CLI's `predict`: 1,000,000, about 32
/// MB at most, so that memory stays bounded on any export).
pub const TRACKED_IDS: usize = 1_000_000;

/// Tickets for a scorer, and whether to score them with the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// Score with the model (`false` once it cannot score the file).
    pub with_model: bool,
    /// The tickets, in file order.
    pub tickets: Vec<Ticket>,
}

/// Encodes `value` for another worker.
fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    bincode::serde::encode_to_vec(value, bincode::config::standard())
        .map_err(|e| Error::Handover(e.to_string()))
}

/// Decodes what [`encode`] wrote.
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    bincode::serde::decode_from_slice(bytes, bincode::config::standard())
        .map(|(v, _)| v)
        .map_err(|e| Error::Handover(e.to_string()))
}

/// The costly half of the analysis for one scoring worker: [`Scorer::score`] answers a
/// [`Batch`] with its [`Scores`].
pub struct Scorer {
    model: Option<Model>,
}

impl Scorer {
    /// A scorer with `model` (`None`: seed scores and words only).
    pub fn new(model: Option<Model>) -> Scorer {
        Scorer { model }
    }

    /// The encoded [`Scores`] of an encoded [`Batch`].
    pub fn score(&self, batch: &[u8]) -> Result<Vec<u8>> {
        let batch: Batch = decode(batch)?;
        let model = self.model.as_ref().filter(|_| batch.with_model);
        encode(&analysis::score(model, &batch.tickets))
    }
}

/// An export analyzed as it streams by.
pub struct Scan {
    reader: Option<export::Reader>,
    resolved: Option<Vec<String>>,
    model: Option<Model>,
    analyzer: Option<Analyzer>,
    /// Rows read before the analyzer could start (the schema was not settled yet).
    rows: Vec<Row>,
    filling: Vec<Ticket>,
    filling_bytes: usize,
    /// The batches handed out and not yet scored, oldest first.
    pending: VecDeque<Vec<Ticket>>,
    summary: Option<Summary>,
    bytes: u64,
    tickets: u64,
}

impl Scan {
    /// A scan of an export read as `reading` says, analyzed with `model`.
    pub fn new(reading: &Reading, model: Option<Model>) -> Scan {
        let mut options = reading.options();
        options.tracked_ids = Some(TRACKED_IDS);
        Scan {
            reader: Some(export::Reader::new(options)),
            resolved: reading.resolved.clone(),
            model,
            analyzer: None,
            rows: Vec::new(),
            filling: Vec::new(),
            filling_bytes: 0,
            pending: VecDeque::new(),
            summary: None,
            bytes: 0,
            tickets: 0,
        }
    }

    /// Reads the next `chunk` of the file; returns the batches now ready for scorers, each to
    /// be answered through [`Scan::accept`] in the order given.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<Vec<u8>>> {
        let reader = self.reader.as_mut().ok_or_else(finished)?;
        self.bytes += chunk.len() as u64;
        let rows = &mut self.rows;
        reader.push(chunk, &mut |row| rows.push(row))?;
        self.take_rows(false)
    }

    /// Ends the file: returns the last batches.
    pub fn finish(&mut self) -> Result<Vec<Vec<u8>>> {
        let reader = self.reader.take().ok_or_else(finished)?;
        let rows = &mut self.rows;
        self.summary = Some(reader.finish(&mut |row| rows.push(row))?);
        self.take_rows(true)
    }

    /// Bytes of the file read so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Tickets read so far (scored or not).
    pub fn tickets_read(&self) -> u64 {
        self.tickets
    }

    /// Batches handed out and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.pending.len()
    }

    /// The encoded [`Scores`] of the oldest batch not yet answered.
    pub fn accept(&mut self, scores: &[u8]) -> Result<()> {
        let scores: Scores = decode(scores)?;
        let tickets = self
            .pending
            .pop_front()
            .ok_or_else(|| Error::Handover("scores for no batch".into()))?;
        if scores.seed.len() != tickets.len() {
            return Err(Error::Handover(format!(
                "{} scores for a batch of {} tickets",
                scores.seed.len(),
                tickets.len()
            )));
        }
        if let Some(a) = self.analyzer.as_mut() {
            a.add_scored(&tickets, scores);
        }
        Ok(())
    }

    /// Once the file is finished and every batch answered: how the file was understood and its
    /// analysis.
    pub fn result(self) -> Result<(Understood, Analysis)> {
        let summary = self
            .summary
            .ok_or_else(|| Error::Handover("the file is not finished".into()))?;
        if !self.pending.is_empty() {
            return Err(Error::Handover(format!(
                "{} batches were not scored",
                self.pending.len()
            )));
        }
        let schema = summary.schema.clone();
        let export = Export {
            tickets: Vec::new(),
            rejected: Vec::new(),
            summary,
        };
        let analyzer = self
            .analyzer
            .unwrap_or_else(|| Analyzer::new(self.model.as_ref(), schema, self.resolved.clone()));
        let inspection =
            Inspection::from_parts(&export, analyzer.vocabularies(), self.resolved.as_deref());
        Ok((Understood::of(&inspection), analyzer.finish()))
    }

    /// Hands the rows read to the analyzer (rejected ones) and into batches (tickets).
    fn take_rows(&mut self, last: bool) -> Result<Vec<Vec<u8>>> {
        if self.analyzer.is_none() {
            let schema = match (&self.reader, &self.summary) {
                (Some(r), _) => r.schema().cloned(),
                (None, Some(s)) => Some(s.schema.clone()),
                (None, None) => None,
            };
            let Some(schema) = schema else {
                return Ok(Vec::new());
            };
            self.analyzer = Some(Analyzer::new(
                self.model.as_ref(),
                schema,
                self.resolved.clone(),
            ));
        }
        let mut out = Vec::new();
        for row in std::mem::take(&mut self.rows) {
            match row {
                Row::Rejected(e) => {
                    if let Some(a) = self.analyzer.as_mut() {
                        a.reject(&e);
                    }
                }
                Row::Ticket(t) => {
                    self.tickets += 1;
                    self.filling_bytes += t.description.len() + t.subject.len();
                    self.filling.push(t);
                    if self.filling.len() >= BATCH_TICKETS || self.filling_bytes >= BATCH_TEXT_BYTES
                    {
                        out.push(self.cut()?);
                    }
                }
            }
        }
        if last && !self.filling.is_empty() {
            out.push(self.cut()?);
        }
        Ok(out)
    }

    /// The batch being filled, encoded and kept until its scores come back.
    fn cut(&mut self) -> Result<Vec<u8>> {
        let tickets = std::mem::take(&mut self.filling);
        self.filling_bytes = 0;
        let with_model = self.analyzer.as_ref().is_some_and(|a| a.model().is_some());
        let batch = Batch {
            with_model,
            tickets,
        };
        let bytes = encode(&batch)?;
        self.pending.push_back(batch.tickets);
        Ok(bytes)
    }
}

fn finished() -> Error {
    Error::Handover("the file was already finished".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::predict::Models;
    use crate::synthetic::export::{self as synth, Signal};
    use crate::ticket::Role;

    /// Scans `bytes` in `chunk`-byte pieces with `scorers` scorers, each batch answered only
    /// once `lag` newer batches are out (as slow workers would): the understood file and its
    /// analysis.
    fn scan(
        bytes: &[u8],
        reading: &Reading,
        model: Option<&Model>,
        chunk: usize,
        lag: usize,
    ) -> (Understood, Analysis) {
        let scorers: Vec<Scorer> = (0..3).map(|_| Scorer::new(model.cloned())).collect();
        let mut scan = Scan::new(reading, model.cloned());
        let mut out: VecDeque<Vec<u8>> = VecDeque::new();
        let mut n = 0;
        let mut answer = |scan: &mut Scan, out: &mut VecDeque<Vec<u8>>, keep: usize| {
            while out.len() > keep {
                let batch = out.pop_front().unwrap();
                let scores = scorers[n % scorers.len()].score(&batch).unwrap();
                n += 1;
                scan.accept(&scores).unwrap();
            }
        };
        for piece in bytes.chunks(chunk.max(1)) {
            out.extend(scan.push(piece).unwrap());
            answer(&mut scan, &mut out, lag);
        }
        out.extend(scan.finish().unwrap());
        answer(&mut scan, &mut out, 0);
        assert_eq!(scan.in_flight(), 0);
        scan.result().unwrap()
    }

    fn export(layout: synth::Layout, rows: usize) -> Vec<u8> {
        let mut out = Vec::new();
        synth::write(
            &synth::Spec {
                layout,
                rows,
                signal: Signal::Linear,
                outcome: synth::Outcome::Resolved,
                seed: 11,
            },
            &mut out,
        )
        .unwrap();
        out
    }

    #[test]
    fn the_bundled_dataset_scans_to_the_whole_file_analysis_in_any_chunks() {
        let csv = include_bytes!("../../www/data/customer_support_tickets.csv");
        let improved = Models::bundled().unwrap().get("improved").unwrap();
        let whole = super::super::analyze(csv, &Reading::default(), Some(improved)).unwrap();
        assert_eq!(whole.1.tickets, 8469);
        for (chunk, lag) in [(1 << 20, 0), (4096, 3), (7, 1)] {
            let scanned = scan(csv, &Reading::default(), Some(improved), chunk, lag);
            assert_eq!(
                scanned, whole,
                "chunks of {chunk} bytes, {lag} batches in flight"
            );
        }
    }

    #[test]
    fn a_remapped_helpdesk_export_scans_as_it_reads_whole() {
        let csv = export(synth::Layout::Kaggle, 3000);
        let reading = Reading {
            map: vec![(Role::Subject, None)],
            resolved: Some(vec!["closed".into(), "pending customer response".into()]),
            date_order: None,
        };
        let seed = Models::bundled().unwrap().get("seed").unwrap();
        let whole = super::super::analyze(&csv, &reading, Some(seed)).unwrap();
        assert!(
            whole.1.metrics.is_some() && whole.1.probabilities.len() == 3000,
            "{:?} {}",
            whole.1.model_unfit,
            whole.1.probabilities.len()
        );
        for (chunk, lag) in [(65_536, 5), (333, 0)] {
            assert_eq!(scan(&csv, &reading, Some(seed), chunk, lag), whole);
        }
    }

    #[test]
    fn chunk_boundaries_inside_quotes_crlf_the_bom_and_characters_change_nothing() {
        let csv = "\u{feff}Ticket ID,Ticket Subject,Ticket Description,Ticket Status,Ticket Priority,Customer Age\r\n\
                   1,\"Caf\u{e9}, \"\"quoted\"\"\",\"two\r\nlines \u{1f600} gr\u{fc}\u{df}e\",Closed,Low,30\r\n\
                   2,x,plain text,Open,High,abc\r\n\
                   3,y,\"it's \u{2014} fine\",Pending Customer Response,Critical,41\r\n";
        let seed = Models::bundled().unwrap().get("seed").unwrap();
        let whole = super::super::analyze(csv.as_bytes(), &Reading::default(), Some(seed)).unwrap();
        assert_eq!((whole.1.tickets, whole.1.rejected_count), (2, 1));
        assert_eq!(
            whole.1.rejected[0].to_string(),
            "line 4, column 'Customer Age': 'abc' is not a number"
        );
        for chunk in [1, 2, 3, 5, 64] {
            assert_eq!(
                scan(csv.as_bytes(), &Reading::default(), Some(seed), chunk, 0),
                whole
            );
        }
    }

    #[test]
    fn a_model_that_stops_fitting_mid_file_says_so_as_one_ticket_at_a_time_does() {
        // seed reads the customer's age; ticket 600 has none (a reader rejects an empty age,
        // so the ticket is made here).
        let csv = include_bytes!("../../www/data/customer_support_tickets.csv");
        let export = export::read(csv, export::Options::default()).unwrap();
        let mut tickets = export.tickets[..1500].to_vec();
        tickets[600].customer_age = None;
        let seed = Models::bundled().unwrap().get("seed").unwrap();
        let schema = export.summary.schema.clone();
        let mut one = Analyzer::new(Some(seed), schema.clone(), None);
        for t in &tickets {
            one.add(t);
        }
        let one = one.finish();
        assert_eq!(
            one.model_unfit.as_deref(),
            Some("ticket '601' has no customer age value, which the seed model reads")
        );
        assert!(one.probabilities.is_empty() && one.curve.is_empty());
        let scorer = Scorer::new(Some(seed.clone()));
        let mut batched = Analyzer::new(Some(seed), schema, None);
        for part in tickets.chunks(BATCH_TICKETS) {
            let batch = encode(&Batch {
                with_model: true,
                tickets: part.to_vec(),
            })
            .unwrap();
            let scores: Scores = decode(&scorer.score(&batch).unwrap()).unwrap();
            batched.add_scored(part, scores);
        }
        assert_eq!(batched.finish(), one);
    }

    #[test]
    fn what_cannot_be_read_is_the_error_reading_whole_gives() {
        let csv = b"Id,Status\n1,open\n";
        let whole = super::super::analyze(csv, &Reading::default(), None).unwrap_err();
        let mut scan = Scan::new(&Reading::default(), None);
        let err = scan
            .push(csv)
            .and_then(|_| scan.finish())
            .map(|_| ())
            .unwrap_err();
        assert_eq!(err.to_string(), whole.to_string());
        assert!(Scorer::new(None).score(b"\xff\xff").is_err());
        let mut scan = Scan::new(&Reading::default(), None);
        assert!(scan.accept(&encode(&Scores::default()).unwrap()).is_err());
    }
}
