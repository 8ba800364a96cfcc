// What ncurses offers only as macros, and the signal flag, as plain C functions.
// This header names no curses type, so Swift sees curses through one module only.
#ifndef BATON_CNCURSES_SHIM_H
#define BATON_CNCURSES_SHIM_H
#include <stdint.h>

unsigned int baton_attr_bold(void);
unsigned int baton_attr_reverse(void);
unsigned int baton_attr_underline(void);
unsigned int baton_attr_dim(void);
unsigned int baton_attr_normal(void);
unsigned int baton_color_pair(int pair);
int baton_window_rows(void *window);
int baton_window_cols(void *window);
int baton_key_resize(void);
/// The current screen's standard window (ncurses keeps it in a global variable).
void *baton_stdscr(void);
/// How many colors and color pairs the terminal offers (globals in ncurses).
int baton_colors(void);
/// The C library's idea of a character's width, which is what ncurses uses.
int baton_wcwidth(uint32_t scalar);
int baton_color_pairs(void);
/// Draws one cell: a base character plus up to four combining ones.
int baton_put_cell(void *window, int y, int x, const uint32_t *chars, int count, unsigned int attrs, short pair);

/// Resizes ncurses to the terminal on `fd` when its size changed without a SIGWINCH
/// reaching ncurses; returns 1 when it did.
int baton_poll_resize(int fd);

/// SIGINT, SIGTERM and SIGHUP set a flag that the event loop reads; SIGPIPE is ignored.
void baton_install_signal_handlers(void);
/// The signal that arrived since the handlers were installed, or 0.
int baton_pending_signal(void);
#endif
