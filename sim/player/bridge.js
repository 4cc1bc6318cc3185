/* The player frame's side of lurk-sim's embed API (v1.js, in the host page).
 *
 * It tells the host page what the frame's video does, as Twitch's player frame tells
 * Twitch's v1.js: {lurkSimEmbed: {kind, live, paused, stats}} posted to the parent, where kind
 * is 'hello' (the frame loaded; again after each reload), 'play', 'playing' and 'pause' (the
 * <video> element's own events), 'online' and 'offline', or 'stats' (every half second). The
 * stats are those of the embed API's getPlaybackStats(), with hlsLatencyBroadcaster the
 * latency that POST /sim/player sets; the same control pauses the video or takes the stream
 * away. The page also follows the channel (/embed/events): it reloads when the stream goes
 * live or offline and shows a changed title or category.
 */
'use strict';
(() => {
  const channel = document.currentScript.dataset.channel;
  const video = document.getElementById('video');
  const control = JSON.parse(document.getElementById('lurk-sim-player-state').textContent);
  const live = () => video !== null && !control.offline;

  const stats = () => {
    const q = video && video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
    const ahead = video && video.buffered.length
      ? video.buffered.end(video.buffered.length - 1) - video.currentTime : 0;
    return {
      backendVersion: 'lurk-sim',
      bufferSize: Math.max(0, ahead),
      codecs: video ? 'avc1.4D401F,mp4a.40.2' : '',
      displayResolution: video ? video.clientWidth + 'x' + video.clientHeight : '',
      fps: 30,
      hlsLatencyBroadcaster: live() ? control.latency_seconds : 0,
      playbackRate: 0,
      skippedFrames: q ? q.droppedVideoFrames : 0,
      videoResolution: video && video.videoWidth ? video.videoWidth + 'x' + video.videoHeight : '',
    };
  };

  const send = (kind) => {
    if (window.parent === window)
      return;
    window.parent.postMessage({
      lurkSimEmbed: { kind, live: live(), paused: !video || video.paused, stats: stats() },
    }, '*');
  };

  /* What POST /sim/player asks of the video. */
  const follow = () => {
    if (video === null)
      return;
    video.hidden = control.offline;
    if (!live() || control.paused)
      video.pause();
    else if (video.paused && video.src)
      video.play().catch(() => {});
  };

  if (video !== null) {
    video.addEventListener('play', () => { if (live()) send('play'); });
    video.addEventListener('playing', () => {
      if (!live() || control.paused)
        follow();
      else
        send('playing');
    });
    video.addEventListener('pause', () => { if (live()) send('pause'); });
  }

  /* The host's commands (Twitch.Player's play(), pause(), setMuted()). */
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || !e.data || typeof e.data.lurkSimCommand !== 'string' ||
        video === null)
      return;
    if (e.data.lurkSimCommand === 'play')
      video.play().catch(() => {});
    else if (e.data.lurkSimCommand === 'pause')
      video.pause();
    else if (e.data.lurkSimCommand === 'mute' || e.data.lurkSimCommand === 'unmute')
      video.muted = e.data.lurkSimCommand === 'mute';
  });

  const events = new EventSource('/embed/events?channel=' + encodeURIComponent(channel));
  events.onmessage = (e) => {
    const line = JSON.parse(e.data);
    if (line.kind === 'online' || line.kind === 'offline') {
      location.reload();
    } else if (line.kind === 'update') {
      const title = document.getElementById('title');
      const category = document.getElementById('category');
      if (title)
        title.textContent = line.title;
      if (category)
        category.textContent = line.category;
    } else if (line.kind === 'player') {
      const wasLive = live();
      control.latency_seconds = line.latency_seconds;
      control.paused = line.paused;
      control.offline = line.offline;
      follow();
      if (wasLive !== live())
        send(live() ? 'online' : 'offline');
      send('stats');
    }
  };

  send('hello');
  setInterval(() => send('stats'), 500);
})();
