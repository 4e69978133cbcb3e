/* page_share_internal: what the share link pages share — page_share.c (the owner's pages) and
 * page_share_public.c (the public /s/{token} pages). Not for other modules: they use pages.h. */
#ifndef TRACKPRO_PAGE_SHARE_INTERNAL_H
#define TRACKPRO_PAGE_SHARE_INTERNAL_H

#include "arena.h"

/* The path of the public page of a link with text token token, in a: "/s/<token>" (no base
 * address). The password form posts to it, the unlock cookie's Path is it, and the heatmap
 * is "<path>/heatmap.svg". token is not checked nor escaped: it is the link's own token or the
 * routed one, both of token characters only. */
const char *page_share_path(struct arena *a, const char *token);

#endif
