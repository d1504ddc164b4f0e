/*
 * jujuc: the native hook-tool client. Every hook tool in a unit's tools
 * directory is a symlink to this binary; the tool is the name it was run as
 * (argv[0]). It sends {context id, cwd, tool, args, JUJU_* env} to the unit
 * agent over JUJU_AGENT_SOCKET_ADDRESS (unix, `@name` = abstract, or tcp
 * host:port) and asks for a binary reply, prints the tool's stdout and stderr
 * verbatim and exits with its code. Charms call tools by the dozen per hook:
 * this starts in about a millisecond, where a Node client needs 20+.
 *
 * Frames both ways: 4-byte big-endian length, then the body. Request body:
 * JSON (see wire-types.ts WireRequest) with "reply":"binary". Reply body:
 * one kind byte, then
 *   0 result:      u32 code, u32 n, n bytes stdout, u32 m, m bytes stderr
 *   1 need stdin:  nothing (resend the request with stdin in base64)
 *   2 error:       u32 n, n bytes message (printed as `ERROR <message>`)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

#define MAX_FRAME (64u * 1024u * 1024u)

struct buf {
  char *data;
  size_t len, cap;
};

static void die(const char *message) {
  fprintf(stderr, "ERROR %s\n", message);
  exit(1);
}

static void grow(struct buf *b, size_t extra) {
  if (b->len + extra <= b->cap) return;
  size_t cap = b->cap ? b->cap : 1024;
  while (cap < b->len + extra) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) die("out of memory");
  b->data = p;
  b->cap = cap;
}

static void put(struct buf *b, const void *p, size_t n) {
  grow(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/* A JSON string; bytes >= 0x80 pass through (the agent decodes UTF-8). */
static void put_json(struct buf *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  put(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      char esc[2] = {'\\', (char)*p};
      put(b, esc, 2);
    } else if (*p < 0x20) {
      char esc[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
      put(b, esc, 6);
    } else {
      put(b, p, 1);
    }
  }
  put(b, "\"", 1);
}

static void put_base64(struct buf *b, const unsigned char *p, size_t n) {
  static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  put(b, "\"", 1);
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)p[i] << 16;
    if (i + 1 < n) v |= (uint32_t)p[i + 1] << 8;
    if (i + 2 < n) v |= p[i + 2];
    char out[4] = {tbl[(v >> 18) & 63], tbl[(v >> 12) & 63], i + 1 < n ? tbl[(v >> 6) & 63] : '=',
                   i + 2 < n ? tbl[v & 63] : '='};
    put(b, out, 4);
  }
  put(b, "\"", 1);
}

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      die("cannot write to the agent socket");
    }
    p += w;
    n -= (size_t)w;
  }
}

/* Reads exactly n bytes; 0 when the peer closed first. */
static int read_full(int fd, void *dst, size_t n) {
  char *p = dst;
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return 0;
    p += r;
    n -= (size_t)r;
  }
  return 1;
}

static void send_frame(int fd, const struct buf *body) {
  uint32_t n = htonl((uint32_t)body->len);
  write_all(fd, (const char *)&n, 4);
  write_all(fd, body->data, body->len);
}

static int connect_agent(void) {
  const char *address = getenv("JUJU_AGENT_SOCKET_ADDRESS");
  const char *network = getenv("JUJU_AGENT_SOCKET_NETWORK");
  if (!address || !*address) die("JUJU_AGENT_SOCKET_ADDRESS not set");
  if (network && strcmp(network, "tcp") == 0) {
    const char *colon = strrchr(address, ':');
    if (!colon) die("bad tcp address");
    char host[256];
    size_t hl = (size_t)(colon - address);
    if (hl >= sizeof host) die("bad tcp address");
    memcpy(host, address, hl);
    host[hl] = 0;
    struct addrinfo hints = {0}, *res;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, colon + 1, &hints, &res) != 0) die("cannot resolve the agent address");
    int fd = socket(res->ai_family, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) != 0) die("cannot connect to the agent");
    freeaddrinfo(res);
    return fd;
  }
  if (network && *network && strcmp(network, "unix") != 0) die("unsupported socket network");
  struct sockaddr_un sa = {0};
  sa.sun_family = AF_UNIX;
  size_t n = strlen(address);
  if (n >= sizeof sa.sun_path) die("socket address too long");
  memcpy(sa.sun_path, address, n);
  socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
  if (address[0] == '@') {
    /* Linux abstract socket. Node binds these with the whole zero-padded
     * sun_path as the name, so the address length must be the full size. */
    sa.sun_path[0] = 0;
    len = (socklen_t)sizeof sa;
  }
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, len) != 0) {
    char msg[512];
    snprintf(msg, sizeof msg, "cannot connect to the agent at %s: %s", address, strerror(errno));
    die(msg);
  }
  return fd;
}

static void build_request(struct buf *b, const char *tool, int argc, char **argv, const struct buf *stdin_data) {
  const char *context = getenv("JUJU_CONTEXT_ID");
  if (!context || !*context) die("JUJU_CONTEXT_ID not set");
  char *cwd = getcwd(NULL, 0);
  if (!cwd) die("cannot get the working directory");
  b->len = 0;
  puts_(b, "{\"reply\":\"binary\",\"contextId\":");
  put_json(b, context);
  puts_(b, ",\"dir\":");
  put_json(b, cwd);
  puts_(b, ",\"command\":");
  put_json(b, tool);
  puts_(b, ",\"args\":[");
  for (int i = 1; i < argc; i++) {
    if (i > 1) put(b, ",", 1);
    put_json(b, argv[i]);
  }
  puts_(b, "],\"env\":{");
  int first = 1;
  for (char **e = environ; *e; e++) {
    if (strncmp(*e, "JUJU_", 5) != 0) continue;
    char *eq = strchr(*e, '=');
    if (!eq) continue;
    *eq = 0;
    if (!first) put(b, ",", 1);
    first = 0;
    put_json(b, *e);
    put(b, ":", 1);
    put_json(b, eq + 1);
    *eq = '=';
  }
  put(b, "}", 1);
  if (stdin_data) {
    puts_(b, ",\"stdinSet\":true,\"stdin\":");
    put_base64(b, (const unsigned char *)stdin_data->data, stdin_data->len);
  } else {
    puts_(b, ",\"stdinSet\":false");
  }
  put(b, "}", 1);
  free(cwd);
}

static uint32_t u32(const unsigned char *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

int main(int argc, char **argv) {
  const char *tool = strrchr(argv[0], '/');
  tool = tool ? tool + 1 : argv[0];
  struct buf request = {0}, stdin_data = {0};
  int fd = connect_agent();
  build_request(&request, tool, argc, argv, NULL);
  send_frame(fd, &request);
  for (;;) {
    unsigned char head[4];
    if (!read_full(fd, head, 4)) die("connection closed before the agent replied");
    uint32_t n = u32(head);
    if (n == 0 || n > MAX_FRAME) die("bad reply from the agent");
    unsigned char *body = malloc(n);
    if (!body || !read_full(fd, body, n)) die("connection closed before the agent replied");
    if (body[0] == 1) { /* the tool wants stdin: send it all with the request again */
      char chunk[65536];
      ssize_t r;
      while ((r = read(0, chunk, sizeof chunk)) != 0) {
        if (r < 0) {
          if (errno == EINTR) continue;
          die("cannot read stdin");
        }
        put(&stdin_data, chunk, (size_t)r);
      }
      build_request(&request, tool, argc, argv, &stdin_data);
      send_frame(fd, &request);
      free(body);
      continue;
    }
    if (body[0] == 2 && n >= 5) {
      uint32_t m = u32(body + 1);
      if (m > n - 5) die("bad reply from the agent");
      fprintf(stderr, "ERROR %.*s\n", (int)m, (const char *)body + 5);
      return 1;
    }
    if (body[0] != 0 || n < 13) die("bad reply from the agent");
    uint32_t code = u32(body + 1);
    uint32_t out = u32(body + 5);
    if (out > n - 13) die("bad reply from the agent");
    uint32_t err = u32(body + 9 + out);
    if (err > n - 13 - out) die("bad reply from the agent");
    write_all(1, (const char *)body + 9, out);
    write_all(2, (const char *)body + 13 + out, err);
    return (int)code;
  }
}
