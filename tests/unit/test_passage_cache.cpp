// The passages the knowledge base keeps once read: found again by id, bounded by their bytes,
// one copy when threads keep the same passage at once.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "knowledge/passage_cache.hpp"

namespace {

knowledge::Passage passage(int id, std::size_t text_bytes) {
  knowledge::Passage made;
  made.id = id;
  made.doc = "doc";
  made.section = "Section";
  made.text = std::string(text_bytes, 'x');
  made.cells = {"a", "b"};
  return made;
}

}  // namespace

TEST_CASE("a kept passage is found by its id, equal to what was kept", "[knowledge]") {
  const knowledge::PassageCache cache(10, 1 << 20);
  CHECK(cache.find(3) == nullptr);
  cache.keep(passage(3, 100));
  const auto* kept = cache.find(3);
  REQUIRE(kept != nullptr);
  CHECK(kept->id == 3);
  CHECK(kept->text == std::string(100, 'x'));
  CHECK(kept->cells == std::vector<std::string>{"a", "b"});
  CHECK(cache.find(4) == nullptr);
  // Ids out of range are neither kept nor found.
  cache.keep(passage(10, 1));
  cache.keep(passage(-1, 1));
  CHECK(cache.find(10) == nullptr);
  CHECK(cache.find(-1) == nullptr);
}

TEST_CASE("the cache keeps passages only while they fit in its bytes", "[knowledge]") {
  const knowledge::PassageCache cache(100, 10'000);
  for (int id = 0; id < 100; ++id) cache.keep(passage(id, 1'000));
  int kept = 0;
  for (int id = 0; id < 100; ++id) kept += cache.find(id) != nullptr;
  CHECK(kept > 0);
  CHECK(kept < 10);
  CHECK(cache.bytes() <= 10'000);
  CHECK(cache.find(0) != nullptr);  // the first read stay
  CHECK(cache.find(99) == nullptr);
}

TEST_CASE("threads keeping the same passages at once keep one copy each, counted once", "[knowledge]") {
  const knowledge::PassageCache cache(50, 1 << 20);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int id = 0; id < 50; ++id) cache.keep(passage(id, 200));
    });
  for (auto& thread : threads) thread.join();
  const knowledge::PassageCache alone(50, 1 << 20);
  for (int id = 0; id < 50; ++id) alone.keep(passage(id, 200));
  CHECK(cache.bytes() == alone.bytes());
  for (int id = 0; id < 50; ++id) CHECK(cache.find(id) != nullptr);
}
