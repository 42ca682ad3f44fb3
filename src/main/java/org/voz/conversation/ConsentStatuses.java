package org.voz.conversation;

import java.util.List;

/** A step that lists or looks for consents in some statuses ({@link ConsentPickStep}, {@link ConsentCheckStep}). */
interface ConsentStatuses {

  /** The statuses; empty means every status. */
  List<String> statuses();
}
