/** Where more credits come from today (no self-service grants or promo codes yet). */
export const moreCreditsHint = "To get more credits, ask an owner or admin of this platform.";
