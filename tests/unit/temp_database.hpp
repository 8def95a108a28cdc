// A database file of one test case's own in the temporary directory, removed (with its WAL
// files) at the end.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

class TempDatabase {
 public:
  explicit TempDatabase(const std::string& prefix)
      : path_(std::filesystem::temp_directory_path() /
              (prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(++count_) + ".db")) {}
  ~TempDatabase() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Everything the file and its log hold, to look for text that must not be there.
  std::string bytes() const {
    std::string all;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(path_.string() + suffix, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }

 private:
  static inline int count_ = 0;
  std::filesystem::path path_;
};
