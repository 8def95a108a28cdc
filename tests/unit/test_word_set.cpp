// The dictionary's word set: what a word list puts in it, and lookups.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "intents/word_set.hpp"

namespace {

std::filesystem::path write_word_list(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("word-set-" + std::to_string(std::hash<std::string>{}(text)) + ".txt");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("word set: a word list's plain words, lower-cased, at least the minimum length", "[word_set]") {
  const auto path = write_word_list("A\nAachen\nab\nbank\nBill\nbill\ncafé\no'clock\nones\nzebra's\nzygote");
  const auto words = intents::WordSet::from_word_list(path, 3);
  std::filesystem::remove(path);
  for (const char* word : {"aachen", "bank", "bill", "ones", "zygote"}) CHECK(words.contains(word));
  // Too short, not plain letters, not lower-cased in the question, or not in the list.
  for (const char* word : {"a", "ab", "café", "caf", "o'clock", "zebra", "zebra's", "Bill", "", "banks", "ban"})
    CHECK_FALSE(words.contains(word));
  CHECK(words.size() == 5);  // "Bill" and "bill" are one word
}

TEST_CASE("word set: no file, an empty file and a last line without a newline", "[word_set]") {
  CHECK(intents::WordSet::from_word_list("/nonexistent/words", 3).size() == 0);
  CHECK_FALSE(intents::WordSet::from_word_list("/nonexistent/words", 3).contains("word"));
  const auto empty = write_word_list("");
  CHECK(intents::WordSet::from_word_list(empty, 3).size() == 0);
  std::filesystem::remove(empty);
  const auto last = write_word_list("first\r\nlast");
  const auto words = intents::WordSet::from_word_list(last, 3);
  std::filesystem::remove(last);
  CHECK(words.contains("last"));
  CHECK_FALSE(words.contains("first"));  // "first\r" holds a character that is no letter
}

TEST_CASE("word set: inserting grows the table and keeps every word", "[word_set]") {
  intents::WordSet words;
  for (int i = 0; i < 5000; ++i) words.insert("word" + std::to_string(i));
  words.insert("word7");
  CHECK(words.size() == 5000);
  for (int i = 0; i < 5000; ++i) REQUIRE(words.contains("word" + std::to_string(i)));
  CHECK_FALSE(words.contains("word5000"));
  CHECK_FALSE(words.contains("word"));
}

TEST_CASE("word set: lines held in memory, then more words inserted", "[word_set]") {
  // The knowledge base's rare words arrive as one string, a word a line.
  auto words = intents::WordSet::from_lines("kubeflow\nSeldon\nml\nx-ray\n", 2);
  CHECK(words.contains("kubeflow"));
  CHECK(words.contains("seldon"));  // lower-cased as a word list's lines are
  CHECK(words.contains("ml"));
  CHECK_FALSE(words.contains("x-ray"));
  CHECK(words.size() == 3);
  words.insert("didn't");  // inserted words are kept as they are
  words.insert("kubeflow");
  CHECK(words.contains("didn't"));
  CHECK(words.size() == 4);
  CHECK(intents::WordSet::of(std::vector<std::string>{"a", "b", "a"}).size() == 2);
}
