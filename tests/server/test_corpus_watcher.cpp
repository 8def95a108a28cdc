// `serve --watch`'s watcher on a real folder: a new file, a file in a new subfolder, a burst of
// changes as one callback, and a Kubernetes ConfigMap update (its "..data" symlink swapped).
// Each case waits on the callback itself, with a deadline.
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "adapters/server/corpus_watcher.hpp"

namespace fs = std::filesystem;
using adapters::server::CorpusWatcher;
using namespace std::chrono_literals;

namespace {

// Long enough that a burst written by the test is never split, even on a busy machine.
constexpr std::chrono::milliseconds kDebounce{200};

// A folder of the test's own, watched on an io_context run by a thread; counts the callbacks.
class WatchedFolder {
 public:
  explicit WatchedFolder(const std::string& name, const std::function<void(const fs::path&)>& prepare = {})
      : folder_(fs::temp_directory_path() / ("mlops-bot-watch-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(folder_);
    fs::create_directories(folder_ / "corpus");
    if (prepare) prepare(folder_ / "corpus");
    watcher_ = CorpusWatcher::start(ioc_.get_executor(), folder_ / "corpus", kDebounce, [this] { called(); },
                                    adapters::JsonLog(adapters::LogLevel::off));
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~WatchedFolder() {
    work_.reset();
    ioc_.stop();
    thread_.join();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  fs::path corpus() const { return folder_ / "corpus"; }
  const CorpusWatcher& watcher() const { return *watcher_; }

  // Waits until the watcher has called back `count` times in all (false after `timeout`).
  bool wait_for_calls(int count, std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return calls_ >= count; });
  }
  int calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  void called() {
    std::lock_guard lock(mutex_);
    ++calls_;
    changed_.notify_all();
  }

  fs::path folder_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{ioc_.get_executor()};
  std::shared_ptr<CorpusWatcher> watcher_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int calls_ = 0;
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("the watcher calls back once a new file is written, and once for a burst", "[watch]") {
  WatchedFolder folder("new-file");
  write(folder.corpus() / "a.md", "# A\n\nText.\n");
  REQUIRE(folder.wait_for_calls(1));
  // Ten files written at once: one callback once the folder is quiet. The next write after it is
  // a second burst, so the count may only then become 3.
  for (int i = 0; i < 10; ++i) write(folder.corpus() / ("b" + std::to_string(i) + ".md"), "# B\n\nText.\n");
  REQUIRE(folder.wait_for_calls(2));
  fs::remove(folder.corpus() / "a.md");
  REQUIRE(folder.wait_for_calls(3));
  CHECK(folder.calls() == 3);
}

TEST_CASE("the watcher follows new subfolders and leaves hidden ones out", "[watch]") {
  WatchedFolder folder("subfolders", [](const fs::path& corpus) {
    fs::create_directories(corpus / "teams/data");
    fs::create_directories(corpus / ".git/objects");
  });
  CHECK(folder.watcher().watched_folders() == 3);  // corpus, teams, teams/data
  write(folder.corpus() / "teams/data/engineer.md", "# Data engineer\n\nText.\n");
  REQUIRE(folder.wait_for_calls(1));
  fs::create_directories(folder.corpus() / "new");
  REQUIRE(folder.wait_for_calls(2));
  CHECK(folder.watcher().watched_folders() == 4);
  write(folder.corpus() / "new/role.md", "# Role\n\nText.\n");
  REQUIRE(folder.wait_for_calls(3));
}

TEST_CASE("the watcher sees a ConfigMap update: the ..data symlink swapped to a new version", "[watch]") {
  // A ConfigMap volume as the kubelet writes it: the keys are links through "..data" into a
  // hidden, timestamped folder. The kubelet's update writes a new version folder and a link to
  // it, "..data_tmp" (made here before the watch starts), then renames that link over "..data":
  // the rename alone must count, since role.md itself never changes.
  WatchedFolder folder("configmap", [](const fs::path& corpus) {
    fs::create_directories(corpus / "..2024_01_01_00_00_00.1");
    write(corpus / "..2024_01_01_00_00_00.1/role.md", "# Role\n\nVersion one.\n");
    fs::create_directory_symlink("..2024_01_01_00_00_00.1", corpus / "..data");
    fs::create_symlink("..data/role.md", corpus / "role.md");
    fs::create_directories(corpus / "..2024_01_02_00_00_00.2");
    write(corpus / "..2024_01_02_00_00_00.2/role.md", "# Role\n\nVersion two.\n");
    fs::create_directory_symlink("..2024_01_02_00_00_00.2", corpus / "..data_tmp");
  });
  const auto corpus = folder.corpus();
  fs::rename(corpus / "..data_tmp", corpus / "..data");
  REQUIRE(folder.wait_for_calls(1));
  std::ifstream in(corpus / "role.md");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("Version two") != std::string::npos);
  // Then the old version's removal: another change.
  fs::remove_all(corpus / "..2024_01_01_00_00_00.1");
  REQUIRE(folder.wait_for_calls(2));
}

TEST_CASE("the watcher sees the corpus folder itself replaced through a symlink swap", "[watch]") {
  const auto base = fs::temp_directory_path() / ("mlops-bot-watch-swap-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "release-1");
  fs::create_directories(base / "release-2");
  fs::create_directory_symlink("release-1", base / "corpus");
  {
    boost::asio::io_context ioc;
    auto work = boost::asio::make_work_guard(ioc);
    std::mutex mutex;
    std::condition_variable changed;
    int calls = 0;
    auto watcher = CorpusWatcher::start(ioc.get_executor(), base / "corpus", kDebounce,
                                        [&] {
                                          std::lock_guard lock(mutex);
                                          ++calls;
                                          changed.notify_all();
                                        },
                                        adapters::JsonLog(adapters::LogLevel::off));
    std::thread runner([&] { ioc.run(); });
    fs::create_directory_symlink("release-2", base / "corpus.new");
    fs::rename(base / "corpus.new", base / "corpus");
    {
      std::unique_lock lock(mutex);
      CHECK(changed.wait_for(lock, 10s, [&] { return calls >= 1; }));
    }
    // Now the new release is watched: a file written there counts.
    write(base / "release-2/role.md", "# Role\n\nText.\n");
    {
      std::unique_lock lock(mutex);
      CHECK(changed.wait_for(lock, 10s, [&] { return calls >= 2; }));
    }
    work.reset();
    ioc.stop();
    runner.join();
  }
  fs::remove_all(base);
}

TEST_CASE("watching a folder that does not exist fails at start, naming it", "[watch]") {
  boost::asio::io_context ioc;
  const auto missing = fs::temp_directory_path() / "mlops-bot-no-such-folder";
  CHECK_THROWS_WITH(CorpusWatcher::start(ioc.get_executor(), missing, kDebounce, [] {},
                                         adapters::JsonLog(adapters::LogLevel::off)),
                    Catch::Contains(missing.string()));
}
