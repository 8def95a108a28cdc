// A redis-server (Debian's, found on PATH) of the test's own: loopback only, no persistence,
// killed when the test ends or dies. Ready means it answered a command, not that time passed.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_client.hpp"

namespace test {

class RedisServer {
 public:
  // Starts redis-server on a free loopback port with `extra_args` (e.g. {"--requirepass", "pw"}).
  explicit RedisServer(std::vector<std::string> extra_args = {})
      : port_(free_port()), extra_args_(std::move(extra_args)) {
    start();
  }
  ~RedisServer() { kill(); }
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  unsigned short port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

  // Starts it (again, on the same port) and waits until it answers.
  void start() {
    std::vector<std::string> args = {"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                     "--save", "", "--appendonly", "no", "--loglevel", "warning"};
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      // Dies with the test, even when the test is killed.
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      const int null = ::open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);
      execvp("redis-server", argv.data());
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!answers()) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("redis-server exited at start (is Debian's redis-server installed?)");
      }
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("redis-server did not answer in 10 s");
      // Nothing to wait on but the port itself: try again shortly.
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  // SIGKILL, as in a crash, and waits for it to be gone.
  void kill() {
    if (pid_ <= 0) return;
    resume();
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // SIGSTOP: the process answers nothing, while the kernel still accepts connections and takes
  // the bytes sent to it, as a Redis stuck in a long command or a pause would. resume() (SIGCONT)
  // lets it go on; kill() and the destructor resume it first.
  void pause() {
    if (pid_ > 0 && ::kill(pid_, SIGSTOP) == 0) paused_ = true;
  }
  void resume() {
    if (pid_ > 0 && paused_) ::kill(pid_, SIGCONT);
    paused_ = false;
  }

  // Sends one inline command ("TTL key") and returns the reply without its CRLF: a bulk
  // string's content, else its first line (":1800", "+PONG", "$-1", "-NOAUTH ..."); throws when
  // Redis does not answer.
  std::string command(const std::string& line) const {
    net::io_context ioc;
    tcp::socket socket(ioc);
    beast::error_code ec = run_with_timeout(ioc, socket, [&](auto handler) {
      socket.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), handler);
    });
    if (ec) throw beast::system_error(ec);
    const std::string request = line + "\r\n";
    ec = run_with_timeout(ioc, socket, [&](auto handler) { net::async_write(socket, net::buffer(request), handler); });
    if (ec) throw beast::system_error(ec);
    net::streambuf reply;
    ec = run_with_timeout(ioc, socket, [&](auto handler) { net::async_read_until(socket, reply, "\r\n", handler); });
    if (ec) throw beast::system_error(ec);
    std::string text(net::buffers_begin(reply.data()), net::buffers_end(reply.data()));
    const std::string first = text.substr(0, text.find("\r\n"));
    if (!first.starts_with('$') || first == "$-1") return first;
    const std::size_t total = first.size() + 2 + std::stoul(first.substr(1)) + 2;
    if (text.size() < total) {
      ec = run_with_timeout(ioc, socket, [&](auto handler) {
        net::async_read(socket, reply, net::transfer_exactly(total - text.size()), handler);
      });
      if (ec) throw beast::system_error(ec);
      text.assign(net::buffers_begin(reply.data()), net::buffers_end(reply.data()));
    }
    return text.substr(first.size() + 2, total - first.size() - 4);
  }

 private:
  // A port the kernel says is free now. (Another process could take it before redis-server
  // binds it; on a test machine's loopback that is rare enough.)
  static unsigned short free_port() {
    net::io_context ioc;
    tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
  }

  bool answers() const {
    try {
      command("PING");
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

  unsigned short port_;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
  bool paused_ = false;
};

}  // namespace test
