// Vietnamese messages of the middleware (to be merged into worker/messages.ts under `errors`).

export const middlewareMessages = {
  errors: {
    rate_limited: (retryAfterSec: number) =>
      `Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ${retryAfterSec} giây.`,
  },
} as const;
