// A WebSocket client written byte by byte, for the tests that need what a well-behaved
// library will not send: any Sec-WebSocket-Key, any close code, thousands of pings in one
// write. Loopback only, and a timeout on every read (test_client.hpp's run_with_timeout).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "test_client.hpp"

namespace test {

// A frame as the server sent it (server frames are never masked).
struct RawFrame {
  int opcode = 0;  // 0x1 text, 0x8 close, 0x9 ping, 0xA pong
  std::string payload;

  // The close code of a close frame, 0 when it has none.
  int close_code() const {
    if (opcode != 0x8 || payload.size() < 2) return 0;
    return (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
  }
};

class RawWebSocket {
 public:
  static constexpr const char* kValidKey = "dGhlIHNhbXBsZSBub25jZQ==";  // RFC 6455's example

  // Connects to 127.0.0.1:port and sends an upgrade of /v1/chat with `key_headers` (each a
  // whole "Sec-WebSocket-Key: ...\r\n" line, or none); reads the answer's status line and headers.
  explicit RawWebSocket(unsigned short port,
                        const std::string& key_headers = std::string("Sec-WebSocket-Key: ") + kValidKey + "\r\n")
      : socket_(ioc_) {
    beast::error_code ec = run_with_timeout(ioc_, socket_, [&](auto handler) {
      socket_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), handler);
    });
    if (ec) throw beast::system_error(ec);
    socket_.set_option(tcp::no_delay(true));
    send_bytes("GET /v1/chat HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + key_headers + "\r\n");
    std::size_t end;
    while ((end = received_.find("\r\n\r\n")) == std::string::npos)
      if (!receive_more()) throw std::runtime_error("no HTTP answer to the upgrade");
    const std::string head = received_.substr(0, end);
    received_.erase(0, end + 4);
    status_ = std::stoi(head.substr(head.find(' ') + 1, 3));
  }

  // The HTTP status of the answer to the upgrade (101 when it was accepted).
  int status() const { return status_; }

  // Sends one final frame, masked as a client must.
  void send_frame(int opcode, const std::string& payload) { send_bytes(frame(opcode, payload)); }
  // A close frame with `code` and no reason.
  void send_close(int code) {
    send_frame(0x8, std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)});
  }

  // One whole client frame, masked.
  static std::string frame(int opcode, const std::string& payload) {
    std::string bytes;
    bytes += static_cast<char>(0x80 | opcode);
    if (payload.size() < 126) {
      bytes += static_cast<char>(0x80 | payload.size());
    } else {
      bytes += static_cast<char>(0x80 | 126);
      bytes += static_cast<char>(payload.size() >> 8);
      bytes += static_cast<char>(payload.size() & 0xff);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    bytes.append(mask, 4);
    for (std::size_t i = 0; i < payload.size(); ++i) bytes += static_cast<char>(payload[i] ^ mask[i % 4]);
    return bytes;
  }

  void send_bytes(const std::string& bytes) {
    const auto ec =
        run_with_timeout(ioc_, socket_, [&](auto handler) { net::async_write(socket_, net::buffer(bytes), handler); });
    if (ec) throw beast::system_error(ec);
  }

  // The next frame from the server; empty when the connection ended or nothing came in time.
  std::optional<RawFrame> next() {
    for (;;) {
      if (auto frame = parse()) return frame;
      if (!receive_more()) return std::nullopt;
    }
  }

 private:
  bool receive_more() {
    char chunk[16384];
    std::size_t got = 0;
    const auto ec = run_with_timeout(ioc_, socket_, [&](auto handler) {
      socket_.async_read_some(net::buffer(chunk), [&, handler](beast::error_code error, std::size_t bytes) mutable {
        got = bytes;
        handler(error);
      });
    });
    received_.append(chunk, got);
    return !ec;
  }

  std::optional<RawFrame> parse() {
    if (received_.size() < 2) return std::nullopt;
    const auto byte = [&](std::size_t i) {
      return static_cast<std::uint64_t>(static_cast<unsigned char>(received_[i]));
    };
    std::uint64_t length = byte(1) & 0x7f;
    std::size_t header = 2;
    if (length == 126) {
      if (received_.size() < 4) return std::nullopt;
      length = (byte(2) << 8) | byte(3);
      header = 4;
    } else if (length == 127) {
      if (received_.size() < 10) return std::nullopt;
      length = 0;
      for (std::size_t i = 2; i < 10; ++i) length = (length << 8) | byte(i);
      header = 10;
    }
    if (received_.size() < header + length) return std::nullopt;
    RawFrame frame{static_cast<int>(byte(0) & 0x0f), received_.substr(header, length)};
    received_.erase(0, header + length);
    return frame;
  }

  net::io_context ioc_;
  tcp::socket socket_;
  std::string received_;  // bytes read and not yet parsed
  int status_ = 0;
};

}  // namespace test
