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

static void usage(const char *why) {
  fprintf(stderr, "tb-exec: %s\nusage: tb-exec [--stdin-null] [--stdout-null] [--stderr-null] --result-fd N -- cmd arg...\n",
          why);
  exit(TOOL_FAILURE);
}

/* A termination request to tb-exec is passed on to the command's whole process group, so cancelling
   or timing out a benchmark also stops what the command started (`sh -c 'sleep 30'` leaves sleep). */
static void forward_signal(int sig) {
  if (child_pid > 0) kill(-child_pid, sig);
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

int main(int argc, char **argv) {
  int null_in = 0, null_out = 0, null_err = 0, result_fd = -1, i = 1;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "--stdin-null") == 0) null_in = 1;
    else if (strcmp(argv[i], "--stdout-null") == 0) null_out = 1;
    else if (strcmp(argv[i], "--stderr-null") == 0) null_err = 1;
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
  if (i + 1 >= argc) usage("no command after --");
  char **cmd = argv + i + 1;
  if (fcntl(result_fd, F_GETFD) < 0) usage("--result-fd is not an open file descriptor");
  /* The command must not inherit the result channel (unless it is one of its own stdio descriptors). */
  if (result_fd > 2) fcntl(result_fd, F_SETFD, FD_CLOEXEC);

  int err_pipe[2];
  if (pipe(err_pipe) < 0 || fcntl(err_pipe[0], F_SETFD, FD_CLOEXEC) < 0 ||
      fcntl(err_pipe[1], F_SETFD, FD_CLOEXEC) < 0) {
    perror("tb-exec: pipe");
    return TOOL_FAILURE;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
  for (size_t s = 0; s < sizeof forwarded / sizeof forwarded[0]; s++) sigaction(forwarded[s], &sa, NULL);

  int64_t start = monotonic_ns();
  pid_t pid = fork();
  if (pid < 0) {
    perror("tb-exec: fork");
    return TOOL_FAILURE;
  }
  if (pid == 0) {
    /* Its own process group, so a signal reaches the command and every process it started. */
    setpgid(0, 0);
    close(err_pipe[0]);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (size_t s = 0; s < sizeof forwarded / sizeof forwarded[0]; s++) sigaction(forwarded[s], &dfl, NULL);
#ifdef __linux__
    /* If tb-exec itself is SIGKILLed (a cancelled job), the command must not live on as an orphan. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
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
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  pid_t waited;
  do {
    waited = wait4(pid, &status, 0, &ru);
  } while (waited < 0 && errno == EINTR);
  int64_t wall = monotonic_ns() - start;
  child_pid = 0;
  if (waited < 0) {
    perror("tb-exec: wait4");
    return TOOL_FAILURE;
  }

  /* Read after the wait so the read cannot block on a pipe the child still holds; exec closed it on success. */
  int exec_errno = 0;
  ssize_t got;
  do {
    got = read(err_pipe[0], &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  if (got != (ssize_t)sizeof exec_errno) exec_errno = 0;
  close(err_pipe[0]);

  long max_rss_kib = ru.ru_maxrss;
#ifdef __APPLE__
  max_rss_kib /= 1024; /* macOS reports bytes, Linux and the BSDs KiB */
#endif
  char line[1024], field[320], sigbuf[16];
  snprintf(line, sizeof line, "{\"wallNs\":%lld,\"userUs\":%lld,\"sysUs\":%lld,\"maxRssKiB\":%ld,", (long long)wall,
           (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
           (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec, max_rss_kib);
  int exit_status;
  if (WIFSIGNALED(status)) {
    snprintf(field, sizeof field, "\"exitCode\":null,\"signal\":\"%s\",",
             signal_name(WTERMSIG(status), sigbuf, sizeof sigbuf));
    exit_status = 128 + WTERMSIG(status);
  } else {
    snprintf(field, sizeof field, "\"exitCode\":%d,\"signal\":null,", WEXITSTATUS(status));
    exit_status = WEXITSTATUS(status);
  }
  strncat(line, field, sizeof line - strlen(line) - 1);
  if (exec_errno != 0) {
    const char *name = errno_name(exec_errno);
    if (name != NULL) snprintf(field, sizeof field, "%s: ", name);
    else snprintf(field, sizeof field, "E%d: ", exec_errno);
    json_escape(field, sizeof field, strerror(exec_errno));
    strncat(line, "\"execError\":\"", sizeof line - strlen(line) - 1);
    strncat(line, field, sizeof line - strlen(line) - 1);
    strncat(line, "\"}\n", sizeof line - strlen(line) - 1);
  } else {
    strncat(line, "\"execError\":null}\n", sizeof line - strlen(line) - 1);
  }
  write_all(result_fd, line, strlen(line));
  return exit_status;
}
