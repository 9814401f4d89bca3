/*
 * The ingest benchmark's yardstick: the least a client can do with a TLS IRC flood. Connects to 127.0.0.1:PORT
 * over TLS (certificate not checked: the benchmark's own server on loopback), registers and joins CHANNEL, then
 * reads and counts lines (CR LF framing, nothing parsed) until one contains END-OF-FLOOD; prints the count.
 * sitrep-ingest-bench runs it against the same flood as the bot and prints the ratio of the two rates.
 *
 * Build: cc -O2 -o raw-tls-reader raw-tls-reader.c -lssl -lcrypto     (Debian: libssl-dev)
 * Usage: raw-tls-reader PORT CHANNEL
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s PORT CHANNEL\n", argv[0]);
        return 2;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1]))};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        perror("connect");
        return 1;
    }
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    SSL *tls = SSL_new(context);
    SSL_set_fd(tls, fd);
    if (SSL_connect(tls) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    char hello[256];
    int length = snprintf(hello, sizeof hello, "NICK raw\r\nUSER raw 0 * :raw\r\nJOIN %s\r\n", argv[2]);
    SSL_write(tls, hello, length);

    static char buffer[1 << 16];
    /* The tail of the previous read, so a marker split across two reads is still seen. */
    char tail[32] = {0};
    long lines = 0;
    const char *marker = "END-OF-FLOOD";
    for (;;) {
        int got = SSL_read(tls, buffer, sizeof buffer);
        if (got <= 0) {
            fprintf(stderr, "connection ended before the marker\n");
            return 1;
        }
        for (int i = 0; i < got; i++) {
            if (buffer[i] == '\n') lines++;
        }
        char window[sizeof tail + 32];
        size_t kept = strlen(tail);
        memcpy(window, tail, kept);
        size_t head = got < 31 ? (size_t)got : 31;
        memcpy(window + kept, buffer, head);
        window[kept + head] = 0;
        if (memmem(buffer, (size_t)got, marker, strlen(marker)) != NULL || strstr(window, marker) != NULL) break;
        size_t keep = got < 31 ? (size_t)got : 31;
        memcpy(tail, buffer + got - keep, keep);
        tail[keep] = 0;
    }
    printf("%ld\n", lines);
    return 0;
}
