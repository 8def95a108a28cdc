// `mlops-bot bench ws://host:port/v1/chat`: a WebSocket load generator. Each connection asks,
// waits for the answer, and asks again (a closed loop); prints answers/s and the latency
// percentiles. With --idle it only holds the connections open (for memory measurements).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/terminal/ws_url.hpp"

namespace po = boost::program_options;
namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace cli {
namespace {

// What all connections share; single-threaded (one io_context thread).
struct Run {
  adapters::terminal::WsUrl url;
  tcp::resolver::results_type endpoints;
  std::vector<std::string> questions;  // each as a JSON string literal
  Clock::time_point measure_from;
  bool stopping = false;
  bool idle = false;
  std::size_t open = 0;
  std::size_t failed = 0;
  std::uint64_t answers = 0;
  std::uint64_t errors = 0;     // "error" frames (e.g. rate_limited)
  std::uint64_t mismatched = 0; // an answer that was not for the question asked
  std::vector<std::uint32_t> latencies_us;
  std::function<void()> on_all_open;
  std::size_t connections = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::io_context& ioc, Run& run, std::size_t index) : ws_(ioc), run_(run), index_(index) {}

  void start() {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(ws_).async_connect(
        run_.endpoints, [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
          if (ec) return self->fail();
          beast::get_lowest_layer(self->ws_).socket().set_option(tcp::no_delay(true));
          self->ws_.async_handshake(self->run_.url.host + ":" + self->run_.url.port, self->run_.url.target,
                                    [self](beast::error_code hec) {
                                      if (hec) return self->fail();
                                      beast::get_lowest_layer(self->ws_).expires_never();
                                      self->ws_.async_read(self->buffer_, [self](beast::error_code rec, std::size_t) {
                                        if (rec) return self->fail();
                                        self->buffer_.clear();
                                        self->opened();
                                      });
                                    });
        });
  }

  void close() {
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {});
  }

 private:
  void fail() {
    ++run_.failed;
    counted();
  }

  void opened() {
    ++run_.open;
    counted();
    if (!run_.idle) ask();
  }

  void counted() {
    if (run_.open + run_.failed != run_.connections || !run_.on_all_open) return;
    const auto all_open = std::move(run_.on_all_open);
    run_.on_all_open = nullptr;
    all_open();
  }

  void ask() {
    if (run_.stopping) return close();
    id_ = "c" + std::to_string(index_) + "-" + std::to_string(sequence_++);
    frame_ = "{\"type\":\"ask\",\"id\":\"" + id_ + "\",\"text\":" + run_.questions[sequence_ % run_.questions.size()] + "}";
    sent_ = Clock::now();
    ws_.text(true);
    ws_.async_write(net::buffer(frame_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->ws_.async_read(self->buffer_, [self](beast::error_code rec, std::size_t) { self->on_answer(rec); });
    });
  }

  void on_answer(beast::error_code ec) {
    if (ec) return;
    const auto now = Clock::now();
    // The server puts type and id first; checking the prefix avoids parsing every answer.
    const std::string_view frame(static_cast<const char*>(buffer_.cdata().data()), buffer_.size());
    const std::string expected = "{\"type\":\"answer\",\"id\":\"" + id_ + "\"";
    if (sent_ >= run_.measure_from) {
      if (frame.starts_with(expected)) {
        ++run_.answers;
        run_.latencies_us.push_back(static_cast<std::uint32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(now - sent_).count()));
      } else if (frame.starts_with("{\"type\":\"error\"")) {
        ++run_.errors;
      } else {
        ++run_.mismatched;
      }
    }
    buffer_.clear();
    ask();
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  Run& run_;
  std::size_t index_;
  std::size_t sequence_ = 0;
  std::string id_;
  std::string frame_;
  Clock::time_point sent_;
};

std::vector<std::string> read_questions(const std::string& file) {
  std::vector<std::string> questions;
  if (file.empty()) {
    questions = {"What does an MLOps engineer with 3 years experience earn?", "mlops vs devops pay", "what is iaas",
                 "tools for model serving", "hi"};
  } else {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(" \t\r") != std::string::npos) questions.push_back(line);
    if (questions.empty()) throw std::runtime_error(file + " has no questions");
  }
  for (auto& question : questions) question = boost::json::serialize(boost::json::string(question));
  return questions;
}

double percentile(const std::vector<std::uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)] / 1000.0;
}

}  // namespace

int run_bench(Args args) {
  po::options_description description("bench options");
  description.add_options()("url", po::value<std::string>(), "ws://host:port/v1/chat")(
      "connections,c", po::value<std::size_t>()->default_value(50), "connections, each asking in a closed loop")(
      "duration,d", po::value<double>()->default_value(10), "seconds to measure (with --idle: to hold)")(
      "warmup", po::value<double>()->default_value(1), "seconds of load before measuring")(
      "questions,q", po::value<std::string>()->default_value(""), "a file of questions, one per line (default: a mix of five)")(
      "idle", po::bool_switch(), "open the connections and hold them without asking");
  po::positional_options_description positional;
  positional.add("url", 1);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot bench [OPTIONS] ws://host:port/v1/chat", description, positional, values,
                          exit_code))
    return exit_code;
  const auto url = values.count("url") ? adapters::terminal::parse_ws_url(values["url"].as<std::string>()) : std::nullopt;
  if (!url) {
    std::cerr << "mlops-bot bench: expected a URL like ws://127.0.0.1:8080/v1/chat\n";
    return 2;
  }

  net::io_context ioc(1);
  Run run;
  run.url = *url;
  run.endpoints = tcp::resolver(ioc).resolve(url->host, url->port);
  run.questions = read_questions(values["questions"].as<std::string>());
  run.idle = values["idle"].as<bool>();
  run.connections = values["connections"].as<std::size_t>();
  const auto warmup = std::chrono::duration<double>(values["warmup"].as<double>());
  const auto duration = std::chrono::duration<double>(values["duration"].as<double>());
  run.latencies_us.reserve(1 << 20);

  std::vector<std::shared_ptr<Connection>> connections;
  for (std::size_t i = 0; i < run.connections; ++i) connections.push_back(std::make_shared<Connection>(ioc, run, i));
  net::steady_timer timer(ioc);
  Clock::time_point measured_start, measured_end;
  run.measure_from = Clock::time_point::max();
  run.on_all_open = [&] {
    std::cerr << "bench: " << run.open << " connections open, " << run.failed << " failed\n";
    const auto now = Clock::now();
    measured_start = now + std::chrono::duration_cast<Clock::duration>(run.idle ? std::chrono::duration<double>(0) : warmup);
    run.measure_from = measured_start;
    timer.expires_at(measured_start + std::chrono::duration_cast<Clock::duration>(duration));
    timer.async_wait([&](beast::error_code) {
      measured_end = Clock::now();
      run.stopping = true;
      if (run.idle)
        for (auto& connection : connections) connection->close();
    });
  };
  for (auto& connection : connections) connection->start();
  ioc.run();

  if (run.idle) {
    std::cout << "held " << run.open << " idle connections for " << duration.count() << " s (" << run.failed
              << " failed)\n";
    return run.failed ? 1 : 0;
  }
  std::sort(run.latencies_us.begin(), run.latencies_us.end());
  const double seconds = std::chrono::duration<double>(measured_end - measured_start).count();
  std::cout << "connections " << run.open << " (failed " << run.failed << "), measured " << seconds << " s\n"
            << "answers " << run.answers << ", errors " << run.errors << ", mismatched " << run.mismatched << "\n"
            << "answers/s " << static_cast<std::uint64_t>(seconds > 0 ? run.answers / seconds : 0) << "\n"
            << "latency ms p50 " << percentile(run.latencies_us, 50) << "  p99 " << percentile(run.latencies_us, 99)
            << "  p99.9 " << percentile(run.latencies_us, 99.9) << "  max "
            << (run.latencies_us.empty() ? 0 : run.latencies_us.back() / 1000.0) << "\n";
  return run.failed || run.errors || run.mismatched ? 1 : 0;
}

}  // namespace cli
