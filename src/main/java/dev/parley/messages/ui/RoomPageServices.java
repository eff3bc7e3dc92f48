package dev.parley.messages.ui;

import dev.parley.accounts.AccountService;
import dev.parley.files.FileProperties;
import dev.parley.files.FileService;
import dev.parley.messages.MessageService;
import dev.parley.messages.TypingService;
import dev.parley.realtime.Broadcaster;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomRosters;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.reading.ReadPositionRecorder;
import dev.parley.rooms.reading.ReadPositions;
import org.springframework.stereotype.Component;

/**
 * The services the parts of a room's page use, as one bean: {@link RoomView} hands it to each visit's
 * {@link RoomPanel}, which hands each part what it needs.
 */
@Component
record RoomPageServices(
        RoomService rooms,
        RoomGuard guard,
        Memberships memberships,
        ReadPositions reading,
        MessageService messages,
        TypingService typing,
        FileService files,
        FileProperties fileLimits,
        Broadcaster broadcaster,
        ReadPositionRecorder readPositions,
        InviteService invites,
        AccountService accounts,
        ModerationService moderation,
        RoomRosters rosters) {}
