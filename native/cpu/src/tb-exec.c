/* tb-exec: times one command the way hyperfine does, without a shell or a Node process in the measurement.
 *
 *   tb-exec [--stdin-null] [--stdout-null] [--stderr-null] --result-fd N -- cmd arg...
 *
 * fork + execvp + wait4, then ONE JSON line on fd N:
 *   {"wallNs":…,"userUs":…,"sysUs":…,"maxRssKiB":…,"exitCode":…|null,"signal":…|null,"execError":null|"…"}
 * wallNs is CLOCK_MONOTONIC from just before fork to just after wait4. userUs/sysUs/maxRssKiB come from the
 * child's rusage (which includes descendants it waited for). A command killed by a signal has exitCode null
 * and signal set to the signal's name as Node reports it ("SIGKILL"). If exec fails, execError is
 * "<ERRNO NAME>: <message>" (errno passed back over a close-on-exec pipe) and exitCode is 127.
 * The command's stdout/stderr pass through unless a --*-null flag sends them to /dev/null.
 *
 * tb-exec exits with the command's exit code (128 + signal number when signalled), and with 125 for its own
 * failures (bad usage, fork failure), which it explains on stderr.
 *
 * Persistent mode, so that a harness pays for one tb-exec start instead of one per timed run:
 *
 *   tb-exec --serve --result-fd N
 *
 * reads requests from stdin and runs them one at a time, each exactly as above (own process group, stdin from
 * /dev/null, execvp errors over a close-on-exec pipe, PR_SET_PDEATHSIG, wait4 on that child only, so the rusage
 * is the child's own and never accumulates over runs). A request is binary-safe:
 *
 *   header "\n" arg0 "\0" arg1 "\0" … (exactly argc strings, each NUL-terminated; empty strings are allowed)
 *   header = argc [" o"] [" e"] [" t" timeoutMs]      e.g. "3 o t5000\n" "sh\0" "-c\0" "\0"
 *
 * `o` / `e` send the command's stdout / stderr to /dev/null; otherwise the command writes straight into
 * tb-exec's own stdout / stderr. `t` stops a command that outlives timeoutMs: SIGTERM to its process group, then
 * SIGKILL to the group every second until it has exited (and once more after it, for leftovers). For each
 * request ONE line goes to fd N: the JSON above plus "timedOut":true|false. SIGINT/SIGTERM/SIGHUP/SIGQUIT are
 * forwarded to the running command's process group; between commands they end tb-exec (128 + signal). EOF on
 * stdin ends tb-exec with 0; a malformed request ends it with 125 and a message on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define TOOL_FAILURE 125

static volatile sig_atomic_t child_pid = 0;
static volatile sig_atomic_t timed_out = 0;
static int serving = 0;

static void usage(const char *why) {
  fprintf(stderr,
          "tb-exec: %s\nusage: tb-exec [--stdin-null] [--stdout-null] [--stderr-null] --result-fd N -- cmd arg...\n"
          "       tb-exec --serve --result-fd N   (requests on stdin, see tb-exec.c)\n",
          why);
  exit(TOOL_FAILURE);
}

/* A termination request to tb-exec is passed on to the command's whole process group, so cancelling
   or timing out a benchmark also stops what the command started (`sh -c 'sleep 30'` leaves sleep).
   A server with no command running simply ends. */
static void forward_signal(int sig) {
  if (child_pid > 0) kill(-child_pid, sig);
  else if (serving) _exit(128 + sig);
}

/* The per-request timeout (serve mode): SIGTERM to the group first, SIGKILL on every later tick. */
static void on_alarm(int sig) {
  (void)sig;
  pid_t pid = child_pid;
  if (pid <= 0) return;
  if (!timed_out) {
    timed_out = 1;
    kill(-pid, SIGTERM);
  } else {
    kill(-pid, SIGKILL);
  }
}

static void set_timer(long first_ms, long every_ms) {
  struct itimerval it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_sec = first_ms / 1000;
  it.it_value.tv_usec = (first_ms % 1000) * 1000;
  it.it_interval.tv_sec = every_ms / 1000;
  it.it_interval.tv_usec = (every_ms % 1000) * 1000;
  setitimer(ITIMER_REAL, &it, NULL);
}

static int64_t monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static const char *errno_name(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOEXEC: return "ENOEXEC";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case E2BIG: return "E2BIG";
    case ENOMEM: return "ENOMEM";
    case ETXTBSY: return "ETXTBSY";
    case EMFILE: return "EMFILE";
    case EBADF: return "EBADF";
    default: return NULL;
  }
}

static const char *signal_name(int sig, char *buf, size_t len) {
  static const struct { int sig; const char *name; } names[] = {
      {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},   {SIGTRAP, "SIGTRAP"},
      {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},   {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"},
      {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"}, {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"},
      {SIGCHLD, "SIGCHLD"}, {SIGCONT, "SIGCONT"}, {SIGSTOP, "SIGSTOP"}, {SIGTSTP, "SIGTSTP"}, {SIGTTIN, "SIGTTIN"},
      {SIGTTOU, "SIGTTOU"}, {SIGURG, "SIGURG"},   {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"}, {SIGVTALRM, "SIGVTALRM"},
      {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"}, {SIGSYS, "SIGSYS"},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (names[i].sig == sig) return names[i].name;
  }
  snprintf(buf, len, "SIG%d", sig); /* real-time and platform-specific signals */
  return buf;
}

/* Appends s to out as a JSON string body (quotes, backslashes and control characters escaped). */
static void json_escape(char *out, size_t len, const char *s) {
  size_t o = strlen(out);
  for (; *s && o + 7 < len; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') {
      out[o++] = '\\';
      out[o++] = (char)ch;
    } else if (ch < 0x20) {
      o += (size_t)snprintf(out + o, len - o, "\\u%04x", ch);
    } else {
      out[o++] = (char)ch;
    }
  }
  out[o] = '\0';
}

static void redirect_to_null(int fd) {
  int null_fd = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
  if (null_fd < 0 || dup2(null_fd, fd) < 0) _exit(127);
  if (null_fd != fd) close(null_fd);
}

static void write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, buf, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      fprintf(stderr, "tb-exec: cannot write the result to fd %d: %s\n", fd, strerror(errno));
      exit(TOOL_FAILURE);
    }
    buf += w;
    len -= (size_t)w;
  }
}

static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define N_FORWARDED (sizeof forwarded / sizeof forwarded[0])
#define KILL_GRACE_MS 1000

struct outcome {
  int64_t wall_ns;
  struct rusage ru;
  int status;
  int exec_errno;
};

/* Runs cmd once: fork + execvp + wait4, timed from just before fork to just after wait4. Returns 0, or -1 after
   explaining a failure of tb-exec itself on stderr. timeout_ms > 0 arms the timeout of serve mode (outside the
   timed interval). */
static int run_command(char **cmd, int null_in, int null_out, int null_err, long timeout_ms, struct outcome *out) {
  int err_pipe[2];
  if (pipe(err_pipe) < 0) {
    perror("tb-exec: pipe");
    return -1;
  }
  if (fcntl(err_pipe[0], F_SETFD, FD_CLOEXEC) < 0 || fcntl(err_pipe[1], F_SETFD, FD_CLOEXEC) < 0) {
    perror("tb-exec: fcntl");
    close(err_pipe[0]);
    close(err_pipe[1]);
    return -1;
  }
  pid_t parent = getpid();
  timed_out = 0;
  if (timeout_ms > 0) set_timer(timeout_ms, KILL_GRACE_MS);

  int64_t start = monotonic_ns();
  pid_t pid = fork();
  if (pid < 0) {
    perror("tb-exec: fork");
    if (timeout_ms > 0) set_timer(0, 0);
    close(err_pipe[0]);
    close(err_pipe[1]);
    return -1;
  }
  if (pid == 0) {
    /* Its own process group, so a signal reaches the command and every process it started. */
    setpgid(0, 0);
    close(err_pipe[0]);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (size_t s = 0; s < N_FORWARDED; s++) sigaction(forwarded[s], &dfl, NULL);
    sigaction(SIGALRM, &dfl, NULL);
#ifdef __linux__
    /* If tb-exec itself is SIGKILLed (a cancelled job), the command must not live on as an orphan. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127); /* tb-exec died before prctl took effect */
#else
    (void)parent;
#endif
    if (null_in) redirect_to_null(0);
    if (null_out) redirect_to_null(1);
    if (null_err) redirect_to_null(2);
    execvp(cmd[0], cmd);
    int e = errno;
    ssize_t ignored = write(err_pipe[1], &e, sizeof e);
    (void)ignored;
    _exit(127);
  }
  /* Also from the parent: whichever runs first, the group exists before any signal is forwarded. */
  setpgid(pid, pid);
  child_pid = pid;
  close(err_pipe[1]);

  int status = 0;
  memset(&out->ru, 0, sizeof out->ru);
  pid_t waited;
  do {
    waited = wait4(pid, &status, 0, &out->ru);
  } while (waited < 0 && errno == EINTR);
  out->wall_ns = monotonic_ns() - start;
  child_pid = 0;
  if (timeout_ms > 0) {
    set_timer(0, 0);
    /* The command is gone; whatever it started and left in its group goes too. */
    if (timed_out) kill(-pid, SIGKILL);
  }
  if (waited < 0) {
    perror("tb-exec: wait4");
    close(err_pipe[0]);
    return -1;
  }
  out->status = status;

  /* Read after the wait so the read cannot block on a pipe the child still holds; exec closed it on success. */
  int exec_errno = 0;
  ssize_t got;
  do {
    got = read(err_pipe[0], &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  if (got != (ssize_t)sizeof exec_errno) exec_errno = 0;
  close(err_pipe[0]);
  out->exec_errno = exec_errno;
  return 0;
}

/* The JSON result line (with a trailing newline); with_timeout adds serve mode's "timedOut". */
static void format_result(const struct outcome *o, int with_timeout, char *line, size_t len) {
  long max_rss_kib = o->ru.ru_maxrss;
#ifdef __APPLE__
  max_rss_kib /= 1024; /* macOS reports bytes, Linux and the BSDs KiB */
#endif
  char field[320], sigbuf[16];
  snprintf(line, len, "{\"wallNs\":%lld,\"userUs\":%lld,\"sysUs\":%lld,\"maxRssKiB\":%ld,", (long long)o->wall_ns,
           (long long)o->ru.ru_utime.tv_sec * 1000000 + o->ru.ru_utime.tv_usec,
           (long long)o->ru.ru_stime.tv_sec * 1000000 + o->ru.ru_stime.tv_usec, max_rss_kib);
  if (WIFSIGNALED(o->status)) {
    snprintf(field, sizeof field, "\"exitCode\":null,\"signal\":\"%s\",",
             signal_name(WTERMSIG(o->status), sigbuf, sizeof sigbuf));
  } else {
    snprintf(field, sizeof field, "\"exitCode\":%d,\"signal\":null,", WEXITSTATUS(o->status));
  }
  strncat(line, field, len - strlen(line) - 1);
  if (o->exec_errno != 0) {
    const char *name = errno_name(o->exec_errno);
    if (name != NULL) snprintf(field, sizeof field, "%s: ", name);
    else snprintf(field, sizeof field, "E%d: ", o->exec_errno);
    json_escape(field, sizeof field, strerror(o->exec_errno));
    strncat(line, "\"execError\":\"", len - strlen(line) - 1);
    strncat(line, field, len - strlen(line) - 1);
    strncat(line, "\"", len - strlen(line) - 1);
  } else {
    strncat(line, "\"execError\":null", len - strlen(line) - 1);
  }
  if (with_timeout) strncat(line, timed_out ? ",\"timedOut\":true" : ",\"timedOut\":false", len - strlen(line) - 1);
  strncat(line, "}\n", len - strlen(line) - 1);
}

static void install_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (size_t s = 0; s < N_FORWARDED; s++) sigaction(forwarded[s], &sa, NULL);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, NULL);
}

static void malformed(const char *why) {
  fprintf(stderr, "tb-exec --serve: malformed request: %s\n", why);
  exit(TOOL_FAILURE);
}

/* Serve mode: one request after another from stdin until EOF (see the top of this file). */
static int serve(int result_fd) {
  serving = 1;
#ifdef __linux__
  /* If the harness dies, stop too (the signal is forwarded to a running command, see forward_signal). */
  prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
  char *header = NULL, *arg = NULL;
  size_t header_cap = 0, arg_cap = 0;
  for (;;) {
    errno = 0;
    ssize_t n = getline(&header, &header_cap, stdin);
    if (n < 0) {
      if (ferror(stdin)) {
        perror("tb-exec --serve: reading stdin");
        return TOOL_FAILURE;
      }
      return 0; /* EOF between requests: done */
    }
    if (header[n - 1] != '\n') malformed("header without a newline");
    header[n - 1] = '\0';
    char *p = header, *end;
    long argc = strtol(p, &end, 10);
    if (end == p || argc < 1 || argc > 65536) malformed("the header must start with an argument count ≥ 1");
    int null_out = 0, null_err = 0;
    long timeout_ms = 0;
    for (p = end; *p;) {
      if (*p == ' ') {
        p++;
      } else if (*p == 'o' && (p[1] == ' ' || p[1] == '\0')) {
        null_out = 1;
        p++;
      } else if (*p == 'e' && (p[1] == ' ' || p[1] == '\0')) {
        null_err = 1;
        p++;
      } else if (*p == 't') {
        timeout_ms = strtol(p + 1, &end, 10);
        if (end == p + 1 || timeout_ms < 1 || (*end != ' ' && *end != '\0')) malformed("t needs a timeout in ms");
        p = end;
      } else {
        malformed("unknown header flag");
      }
    }
    char **cmd = calloc((size_t)argc + 1, sizeof *cmd);
    if (cmd == NULL) malformed("out of memory");
    for (long a = 0; a < argc; a++) {
      ssize_t got = getdelim(&arg, &arg_cap, '\0', stdin);
      if (got <= 0 || arg[got - 1] != '\0') malformed("fewer arguments than the header announced");
      cmd[a] = strdup(arg);
      if (cmd[a] == NULL) malformed("out of memory");
    }
    struct outcome o;
    if (run_command(cmd, 1, null_out, null_err, timeout_ms, &o) < 0) return TOOL_FAILURE;
    for (long a = 0; a < argc; a++) free(cmd[a]);
    free(cmd);
    char line[1024];
    format_result(&o, 1, line, sizeof line);
    write_all(result_fd, line, strlen(line));
  }
}

int main(int argc, char **argv) {
  int null_in = 0, null_out = 0, null_err = 0, result_fd = -1, serve_mode = 0, i = 1;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "--stdin-null") == 0) null_in = 1;
    else if (strcmp(argv[i], "--stdout-null") == 0) null_out = 1;
    else if (strcmp(argv[i], "--stderr-null") == 0) null_err = 1;
    else if (strcmp(argv[i], "--serve") == 0) serve_mode = 1;
    else if (strcmp(argv[i], "--result-fd") == 0 && i + 1 < argc) {
      char *end;
      long v = strtol(argv[++i], &end, 10);
      if (*end != '\0' || v < 0 || v > 1024) usage("--result-fd needs a file descriptor number");
      result_fd = (int)v;
    } else {
      usage("unknown option");
    }
  }
  if (result_fd < 0) usage("--result-fd is required");
  if (serve_mode && (i < argc || null_in || null_out || null_err))
    usage("--serve takes only --result-fd; per-request options travel with each request");
  if (!serve_mode && i + 1 >= argc) usage("no command after --");
  if (fcntl(result_fd, F_GETFD) < 0) usage("--result-fd is not an open file descriptor");
  if (serve_mode && result_fd <= 2) usage("--serve needs a result descriptor other than 0, 1 and 2");
  /* The command must not inherit the result channel (unless it is one of its own stdio descriptors). */
  if (result_fd > 2) fcntl(result_fd, F_SETFD, FD_CLOEXEC);
  install_handlers();
  if (serve_mode) return serve(result_fd);

  char **cmd = argv + i + 1;
  struct outcome o;
  if (run_command(cmd, null_in, null_out, null_err, 0, &o) < 0) return TOOL_FAILURE;
  char line[1024];
  format_result(&o, 0, line, sizeof line);
  write_all(result_fd, line, strlen(line));
  return WIFSIGNALED(o.status) ? 128 + WTERMSIG(o.status) : WEXITSTATUS(o.status);
}
