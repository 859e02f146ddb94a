/** Runs provider code in-process with the provider clock stopped at one instant. */
import { fixedClock, setClock } from "../../provider/core/clock";

/** Runs `body` with the provider clock at `instant`, and puts the previous clock back however it ends. */
export async function atInstant<T>(
  instant: Date | string | number,
  body: () => Promise<T>,
): Promise<T> {
  const restore = setClock(fixedClock(instant));
  try {
    return await body();
  } finally {
    restore();
  }
}
