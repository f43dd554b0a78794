// The life of an online run, as recorded in its state table.

export type OnlineStatus = 'copying' | 'following' | 'cutting-over' | 'done' | 'aborted';
