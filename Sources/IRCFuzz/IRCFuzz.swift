import IRC
