#define _GNU_SOURCE 1
#include "../CNcurses/CNcurses.h"
#include "CNcursesShim.h"
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

unsigned int baton_attr_bold(void) { return A_BOLD; }
unsigned int baton_attr_reverse(void) { return A_REVERSE; }
unsigned int baton_attr_underline(void) { return A_UNDERLINE; }
unsigned int baton_attr_dim(void) { return A_DIM; }
unsigned int baton_attr_normal(void) { return A_NORMAL; }
unsigned int baton_color_pair(int pair) { return COLOR_PAIR(pair); }
int baton_window_rows(void *window) { int y, x; getmaxyx((WINDOW *)window, y, x); (void)x; return y; }
int baton_window_cols(void *window) { int y, x; getmaxyx((WINDOW *)window, y, x); (void)y; return x; }
int baton_key_resize(void) { return KEY_RESIZE; }
void *baton_stdscr(void) { return stdscr; }
int baton_colors(void) { return COLORS; }
int baton_wcwidth(uint32_t scalar) { return wcwidth((wchar_t)scalar); }
int baton_color_pairs(void) { return COLOR_PAIRS; }

int baton_put_cell(void *window, int y, int x, const uint32_t *chars, int count, unsigned int attrs, short pair) {
    wchar_t wide[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) wide[i] = (wchar_t)chars[i];
    wide[n] = 0;
    cchar_t cell;
    if (setcchar(&cell, wide, (attr_t)attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch((WINDOW *)window, y, x, &cell);
}

static volatile sig_atomic_t pending_signal = 0;

static void record_signal(int signo) { pending_signal = signo; }

void baton_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a blocking read returns so the loop sees the flag at once.
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    signal(SIGPIPE, SIG_IGN);
}

int baton_pending_signal(void) { return pending_signal; }

int baton_poll_resize(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
    if (size.ws_row == LINES && size.ws_col == COLS) return 0;
    resizeterm(size.ws_row, size.ws_col);
    return 1;
}
