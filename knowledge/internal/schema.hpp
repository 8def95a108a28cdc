// The knowledge base's tables and the statements that read and write them.
#pragma once

namespace knowledge::schema {

// Passages are stored once and indexed by an external-content FTS5 table; section titles and
// group labels are columns of their own so BM25 can weigh them above the text. A table row's
// cells and header are JSON arrays of strings ("[]" for other passages). Passages are read on
// demand, never all at once: by id, by a document's span of ids (a document's passages are
// consecutive; `documents` holds each one's first id), and by their section's heading key (the
// title in lower case without a trailing "?" or ":", indexed).
inline constexpr const char* kCreate = R"sql(
PRAGMA application_id = 1296846658;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE passages(id INTEGER PRIMARY KEY, doc TEXT NOT NULL, section TEXT NOT NULL, grp TEXT NOT NULL,
                      kind TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL, parent TEXT NOT NULL,
                      cells TEXT NOT NULL, header TEXT NOT NULL, caption TEXT NOT NULL, section_key TEXT NOT NULL);
CREATE TABLE documents(doc TEXT PRIMARY KEY, first_passage INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE frequent_words(word TEXT PRIMARY KEY, passages INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE files(path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, hash INTEGER NOT NULL,
                   readable INTEGER NOT NULL);
CREATE VIRTUAL TABLE passages_fts USING fts5(section, grp, text, content='passages', content_rowid='id',
                                             tokenize='porter unicode61');
CREATE VIRTUAL TABLE examples_fts USING fts5(intent UNINDEXED, text, tokenize='porter unicode61');
)sql";

inline constexpr const char* kInsertPassage =
    "INSERT INTO passages(id, doc, section, grp, kind, position, text, parent, cells, header, caption, section_key) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
inline constexpr const char* kInsertFile =
    "INSERT INTO files(path, size, mtime_ns, hash, readable) VALUES(?1, ?2, ?3, ?4, ?5)";
inline constexpr const char* kSelectFiles = "SELECT path, size, mtime_ns, hash, readable FROM files ORDER BY rowid";
// For frequent_words: FTS5's own count of the passages each term is in, and each corpus word's
// term, read from a temporary FTS5 table that tokenizes the words as passages_fts does.
inline constexpr const char* kCreateTermCounts =
    "CREATE VIRTUAL TABLE temp.term_counts USING fts5vocab(main, 'passages_fts', 'row')";
inline constexpr const char* kSelectFrequentTerms = "SELECT term, doc FROM temp.term_counts WHERE doc > ?1";
inline constexpr const char* kCreateWordStems = R"sql(
CREATE VIRTUAL TABLE temp.word_stems USING fts5(word, tokenize='porter unicode61');
CREATE VIRTUAL TABLE temp.word_stem_terms USING fts5vocab(temp, 'word_stems', 'instance');
)sql";
inline constexpr const char* kInsertWordStem = "INSERT INTO temp.word_stems(rowid, word) VALUES(?1, ?2)";
inline constexpr const char* kSelectWordStems = "SELECT term, doc FROM temp.word_stem_terms";
inline constexpr const char* kDropTermTables = R"sql(
DROP TABLE IF EXISTS temp.word_stem_terms;
DROP TABLE IF EXISTS temp.word_stems;
DROP TABLE IF EXISTS temp.term_counts;
)sql";
inline constexpr const char* kInsertFrequentWord = "INSERT INTO frequent_words(word, passages) VALUES(?1, ?2)";
inline constexpr const char* kSelectFrequentWords = "SELECT word, passages FROM frequent_words";
inline constexpr const char* kInsertDocument = "INSERT INTO documents(doc, first_passage) VALUES(?1, ?2)";
// Built once the passages are in: one sort, not a b-tree insert per row.
inline constexpr const char* kCreateSectionIndex = "CREATE INDEX passages_by_section ON passages(section_key)";
inline constexpr const char* kInsertPassageFts = "INSERT INTO passages_fts(rowid, section, grp, text) VALUES(?1, ?2, ?3, ?4)";
inline constexpr const char* kInsertExample = "INSERT INTO examples_fts(intent, text) VALUES(?1, ?2)";
inline constexpr const char* kInsertMeta = "INSERT INTO meta(key, value) VALUES(?1, ?2)";

inline constexpr const char* kSelectMeta = "SELECT value FROM meta WHERE key = ?1";
// Each reads a passage's columns in the order read_passage() expects.
inline constexpr const char* kSelectPassage =
    "SELECT id, doc, section, grp, kind, position, text, parent, cells, header, caption FROM passages WHERE id = ?1";
inline constexpr const char* kSelectPassageSpan =
    "SELECT id, doc, section, grp, kind, position, text, parent, cells, header, caption FROM passages "
    "WHERE id >= ?1 AND id < ?2 ORDER BY id";
inline constexpr const char* kSelectPassagesByHeading =
    "SELECT id, doc, section, grp, kind, position, text, parent, cells, header, caption FROM passages "
    "WHERE section_key = ?1 ORDER BY id LIMIT ?2";
inline constexpr const char* kSelectPassagesByTitle =
    "SELECT id, doc, section, grp, kind, position, text, parent, cells, header, caption FROM passages "
    "WHERE section_key = ?1 AND section = ?2 ORDER BY id LIMIT ?3";
inline constexpr const char* kSelectDocuments = "SELECT doc, first_passage FROM documents ORDER BY first_passage";
inline constexpr const char* kSelectPassageCount = "SELECT coalesce(max(id) + 1, 0) FROM passages";
// Section titles weigh 4, group labels 2, the text 1. coverage() counts the question's words a row holds.
inline constexpr const char* kSearchPassages =
    "SELECT rowid, bm25(passages_fts, 4.0, 2.0, 1.0), coverage(passages_fts, ?2) FROM passages_fts "
    "WHERE passages_fts MATCH ?1 ORDER BY bm25(passages_fts, 4.0, 2.0, 1.0) LIMIT ?3";
inline constexpr const char* kSearchExamples =
    "SELECT intent, bm25(examples_fts), coverage(examples_fts, ?2) FROM examples_fts "
    "WHERE examples_fts MATCH ?1 ORDER BY bm25(examples_fts) LIMIT ?3";

}  // namespace knowledge::schema
