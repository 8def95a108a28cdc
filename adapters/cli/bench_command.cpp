// `mlops-bot bench ws[s]://host:port/v1/chat`: a WebSocket load generator. Each connection
// asks, waits for the answer, and asks again (a closed loop, or paced with --rate); prints
// answers/s and the latency percentiles, and when anything went wrong, what the server said
// (error codes, refused connections) and what to change. With --idle it only holds the
// connections open (for memory measurements).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/cli/number_option.hpp"
#include "adapters/terminal/tls_client.hpp"
#include "adapters/terminal/ws_url.hpp"

namespace po = boost::program_options;
namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
namespace terminal = adapters::terminal;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace cli {
namespace {

using ConnectionCount = NumberOption<std::size_t, 1, 1'000'000>;
using Seconds = NumberOption<double, 0.0, 86'400.0>;
using Rate = NumberOption<double, 0.0, 1'000'000.0>;

// What all connections share; single-threaded (one io_context thread).
struct Run {
  terminal::WsUrl url;
  tcp::resolver::results_type endpoints;
  std::optional<net::ssl::context> tls;  // for wss://
  std::vector<std::string> questions;    // each as a JSON string literal
  Clock::duration interval{};            // between one connection's questions (--rate); zero: closed loop
  Clock::time_point measure_from;
  bool stopping = false;
  bool idle = false;
  std::size_t open = 0;
  std::size_t failed = 0;
  std::map<std::string, std::size_t> failures;  // why connections failed, counted
  std::uint64_t answers = 0;
  std::uint64_t errors = 0;  // "error" frames (e.g. rate_limited)
  std::map<std::string, std::uint64_t> error_codes;
  std::uint64_t mismatched = 0;             // an answer that was not for the question asked
  std::map<std::string, std::size_t> lost;  // connections that ended mid-run, by cause
  std::vector<std::uint32_t> latencies_us;
  std::function<void()> on_all_open;
  std::size_t connections = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void start() = 0;
  virtual void close() = 0;
};

// One WebSocket, over TCP or TLS (Stream: beast::tcp_stream or beast::ssl_stream of one).
template <class Stream>
class StreamConnection final : public Connection, public std::enable_shared_from_this<StreamConnection<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  StreamConnection(net::io_context& ioc, Run& run, std::size_t index)
      : ws_(make_stream(ioc, run)), timer_(ioc), run_(run), index_(index) {}

  void start() override {
    if constexpr (kTls) terminal::prepare_tls_client(ws_.next_layer().native_handle(), run_.url.host);
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(ws_).async_connect(run_.endpoints, [self = this->shared_from_this()](beast::error_code ec,
                                                                                                 const tcp::endpoint&) {
      if (ec) return self->fail("cannot connect: " + ec.message());
      beast::get_lowest_layer(self->ws_).socket().set_option(tcp::no_delay(true));
      if constexpr (kTls) {
        self->ws_.next_layer().async_handshake(net::ssl::stream_base::client, [self](beast::error_code tec) {
          if (tec)
            return self->fail("TLS: " + terminal::describe_tls_failure(tec, self->ws_.next_layer().native_handle()));
          self->upgrade();
        });
      } else {
        self->upgrade();
      }
    });
  }

  void close() override {
    timer_.cancel();
    ws_.async_close(websocket::close_code::normal, [self = this->shared_from_this()](beast::error_code) {});
  }

 private:
  static websocket::stream<Stream> make_stream(net::io_context& ioc, Run& run) {
    if constexpr (kTls)
      return websocket::stream<Stream>(ioc, *run.tls);
    else
      return websocket::stream<Stream>(ioc);
  }

  void upgrade() {
    ws_.async_handshake(
        response_, run_.url.authority(), run_.url.target, [self = this->shared_from_this()](beast::error_code ec) {
          if (ec == websocket::error::upgrade_declined)
            return self->fail("the server refused the upgrade: HTTP " + std::to_string(self->response_.result_int()));
          if (ec) return self->fail("WebSocket handshake: " + ec.message());
          beast::get_lowest_layer(self->ws_).expires_never();
          self->ws_.async_read(self->buffer_, [self](beast::error_code rec, std::size_t) {
            if (rec) return self->fail("no hello: " + rec.message());
            self->buffer_.clear();
            self->opened();
          });
        });
  }

  void fail(std::string why) {
    ++run_.failed;
    ++run_.failures[std::move(why)];
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
    frame_ =
        "{\"type\":\"ask\",\"id\":\"" + id_ + "\",\"text\":" + run_.questions[sequence_ % run_.questions.size()] + "}";
    sent_ = Clock::now();
    ws_.text(true);
    ws_.async_write(net::buffer(frame_), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->on_answer(ec);
      self->ws_.async_read(self->buffer_, [self](beast::error_code rec, std::size_t) { self->on_answer(rec); });
    });
  }

  void on_answer(beast::error_code ec) {
    if (ec) {
      ++run_.lost[ec == websocket::error::closed
                      ? "closed by the server (code " + std::to_string(ws_.reason().code) + ")"
                      : ec.message()];
      return;
    }
    const auto now = Clock::now();
    // The server puts type and id first; checking the prefix avoids parsing every answer.
    const std::string_view frame(static_cast<const char*>(buffer_.cdata().data()), buffer_.size());
    const std::string expected = "{\"type\":\"answer\",\"id\":\"" + id_ + "\"";
    if (sent_ >= run_.measure_from) {
      if (frame.starts_with(expected)) {
        ++run_.answers;
        run_.latencies_us.push_back(
            static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(now - sent_).count()));
      } else if (frame.starts_with("{\"type\":\"error\"")) {
        ++run_.errors;
        ++run_.error_codes[error_code_of(frame)];
      } else {
        ++run_.mismatched;
      }
    }
    buffer_.clear();
    if (run_.interval == Clock::duration::zero()) return ask();
    timer_.expires_at(sent_ + run_.interval);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code wec) {
      if (!wec) self->ask();
    });
  }

  static std::string error_code_of(std::string_view frame) {
    boost::system::error_code ec;
    const auto value = boost::json::parse(frame, ec);
    const auto* object = value.if_object();
    const auto* code = object ? object->if_contains("code") : nullptr;
    return code && code->is_string() ? std::string(code->get_string()) : "(no code)";
  }

  websocket::stream<Stream> ws_;
  websocket::response_type response_;
  net::steady_timer timer_;
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

template <class Count>
void print_counts(std::ostream& out, const char* title, const std::map<std::string, Count>& counts) {
  if (counts.empty()) return;
  out << title << ":\n";
  for (const auto& [what, count] : counts) out << "  " << count << "  " << what << "\n";
}

// What went wrong, counted by cause, and for the causes a setting explains, what to change.
void print_problems(const Run& run, std::ostream& out) {
  print_counts(out, "connections refused", run.failures);
  print_counts(out, "error replies by code", run.error_codes);
  print_counts(out, "connections lost", run.lost);
  if (run.error_codes.contains("rate_limited"))
    out << "hint: the server limits each connection's messages (serve --rate-limit and --rate-burst); "
           "measure it started with --rate-limit 0 (MLOPS_BOT_RATE_LIMIT=0), or keep each connection under "
           "its limit with bench --rate (e.g. --rate 10)\n";
  if (std::any_of(run.failures.begin(), run.failures.end(),
                  [](const auto& failure) { return failure.first.ends_with("HTTP 503"); }))
    out << "hint: HTTP 503 means the server is at its connection limit (serve --max-connections): raise it, "
           "or open fewer connections (bench -c)\n";
  if (std::any_of(run.failures.begin(), run.failures.end(),
                  [](const auto& failure) { return failure.first.find("certificate") != std::string::npos; }))
    out << "hint: bench --insecure skips the certificate check (a test server only)\n";
}

}  // namespace

int run_bench(Args args) {
  po::options_description description("bench options");
  description.add_options()("url", po::value<std::string>(), "ws://host:port/v1/chat or wss://...")(
      "connections,c", po::value<ConnectionCount>()->default_value({50}), "connections, each asking in a loop")(
      "duration,d", po::value<Seconds>()->default_value({10}), "seconds to measure (with --idle: to hold)")(
      "warmup", po::value<Seconds>()->default_value({1}), "seconds of load before measuring")(
      "rate", po::value<Rate>()->default_value({0}),
      "questions per second per connection (0: the next as soon as the answer is in)")(
      "questions,q", po::value<std::string>()->default_value(""),
      "a file of questions, one per line (default: a mix of five)")(
      "insecure", po::bool_switch(), "wss:// without checking the server's certificate (a test server only)")(
      "idle", po::bool_switch(), "open the connections and hold them without asking");
  po::positional_options_description positional;
  positional.add("url", 1);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot bench [OPTIONS] ws[s]://host:port/v1/chat", description, positional, values,
                          exit_code))
    return exit_code;
  const auto url = values.count("url") ? terminal::parse_ws_url(values["url"].as<std::string>()) : std::nullopt;
  if (!url) {
    std::cerr << "mlops-bot bench: expected a URL like ws://127.0.0.1:8080/v1/chat or wss://bot.example.com/v1/chat\n";
    return 2;
  }

  net::io_context ioc(1);
  Run run;
  run.url = *url;
  run.endpoints = tcp::resolver(ioc).resolve(url->host, url->port);
  if (url->tls)
    run.tls.emplace(terminal::make_tls_client_context(
        values["insecure"].as<bool>() ? terminal::TlsVerification::insecure : terminal::TlsVerification::verify));
  run.questions = read_questions(values["questions"].as<std::string>());
  run.idle = values["idle"].as<bool>();
  run.connections = values["connections"].as<ConnectionCount>().value;
  if (const double rate = values["rate"].as<Rate>().value; rate > 0)
    run.interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1 / rate));
  const auto warmup = std::chrono::duration<double>(values["warmup"].as<Seconds>().value);
  const auto duration = std::chrono::duration<double>(values["duration"].as<Seconds>().value);
  run.latencies_us.reserve(1 << 20);

  std::vector<std::shared_ptr<Connection>> connections;
  for (std::size_t i = 0; i < run.connections; ++i) {
    if (url->tls)
      connections.push_back(std::make_shared<StreamConnection<beast::ssl_stream<beast::tcp_stream>>>(ioc, run, i));
    else
      connections.push_back(std::make_shared<StreamConnection<beast::tcp_stream>>(ioc, run, i));
  }
  net::steady_timer timer(ioc);
  Clock::time_point measured_start, measured_end;
  run.measure_from = Clock::time_point::max();
  run.on_all_open = [&] {
    std::cerr << "bench: " << run.open << " connections open, " << run.failed << " failed\n";
    const auto now = Clock::now();
    if (run.open == 0) {  // nothing to measure: report the failures now rather than after --duration
      measured_start = measured_end = now;
      return;
    }
    measured_start =
        now + std::chrono::duration_cast<Clock::duration>(run.idle ? std::chrono::duration<double>(0) : warmup);
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
    print_problems(run, std::cout);
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
  print_problems(run, std::cout);
  return run.failed || run.errors || run.mismatched || !run.lost.empty() ? 1 : 0;
}

}  // namespace cli
