// What only the IPC backend asks of the platform (backend_ipc.c; the host runner's
// secure-world.ts): switching threads, and what a blocked thread's SPM call returns.

// IPC backend: thread `next` runs when the current SPM entry returns (PendSV on the target).
@external("platform", "thread_switch")
export declare function platform_thread_switch(next: u32): void;

// IPC backend: the value blocked thread t's pending SPM call returns when t runs again.
@external("platform", "thread_return")
export declare function platform_thread_return(t: u32, value: u32): void;
