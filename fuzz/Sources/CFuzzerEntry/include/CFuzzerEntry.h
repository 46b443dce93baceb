// The program entry point of the fuzzer executable (see CFuzzerEntry.c).
#ifndef CFUZZERENTRY_H
#define CFUZZERENTRY_H
#endif
