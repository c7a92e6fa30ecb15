// Receiver module: written by the receiver work.
