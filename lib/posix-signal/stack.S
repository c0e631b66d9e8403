/* stack.S: call a signal handler on another stack (the alternate signal stack) and come back.
 *
 * ts_signal_call_on_stack(fn, sig, info, uc, sp): rdi = fn, rsi = sig,
 * rdx = info, rcx = uc, r8 = sp (16-byte aligned). The frame pointer keeps
 * the chain to the caller, so backtraces from the handler still reach it. */
	.text
	.globl ts_signal_call_on_stack
	.type ts_signal_call_on_stack, @function
ts_signal_call_on_stack:
	push %rbp
	mov %rsp, %rbp
	mov %r8, %rsp
	mov %rdi, %rax
	mov %esi, %edi
	mov %rdx, %rsi
	mov %rcx, %rdx
	call *%rax
	mov %rbp, %rsp
	pop %rbp
	ret
	.size ts_signal_call_on_stack, . - ts_signal_call_on_stack
